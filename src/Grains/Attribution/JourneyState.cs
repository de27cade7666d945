using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Attribution;

/// <summary>A touchpoint or conversion of a journey, as much of the event as attribution needs.</summary>
public sealed record JourneyItem(string EventId, DateTimeOffset At, string Channel, string? CampaignId, bool Conversion, long ValueMicros);

/// <summary>
/// A journey grain's stored state: its retained items in time order (bounded by <see cref="AttributionOptions"/>),
/// the newest event time, the offsets applied per partition and the last eventIds applied. Rows it emits commit with it.
/// </summary>
public sealed class JourneyState : IEmitsRows
{
    public List<JourneyItem> Items { get; set; } = [];

    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Events-topic partition → the highest offset applied: a replayed delivery re-sends offsets at or below it.</summary>
    public Dictionary<int, long> Applied { get; set; } = [];

    /// <summary>Oldest first; capped at <see cref="AttributionOptions.RememberedEventIds"/>.</summary>
    public List<string> RecentIds { get; set; } = [];

    [JsonIgnore]
    public List<object> PendingRows { get; } = [];
}
