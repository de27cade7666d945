using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// A touchpoint or conversion of a journey, as much of the event as attribution needs. Stored with one-letter names
/// and the time as UTC ticks (exact, and cheaper to write than ISO text): snapshots rewrite many of these.
/// </summary>
public sealed record JourneyItem(
    [property: JsonPropertyName("e")] string EventId,
    [property: JsonPropertyName("t"), JsonConverter(typeof(UtcTicksConverter))] DateTimeOffset At,
    [property: JsonPropertyName("h")] string Channel,
    [property: JsonPropertyName("c")] string? CampaignId,
    [property: JsonPropertyName("x")] bool Conversion,
    [property: JsonPropertyName("v")] long ValueMicros,
    [property: JsonPropertyName("d"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Device = null,
    [property: JsonPropertyName("g"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Geo = null)
{
    /// <summary>The eventId's hash (this process's), so the repeat check on every event compares integers first.</summary>
    [JsonIgnore]
    public int IdHash { get; } = StringComparer.Ordinal.GetHashCode(EventId);
}

/// <summary>An instant as its UTC ticks: lossless, so a reloaded journey orders and buckets its items exactly as before.</summary>
public sealed class UtcTicksConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        new(reader.GetInt64(), TimeSpan.Zero);

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.UtcTicks);
}

/// <summary>
/// One user's journey: its retained items in time order (bounded by <see cref="AttributionOptions"/>) and the newest
/// event time. Stored as a keyed row of its shard (<see cref="JourneyShardGrain"/>); the row an event makes it emit
/// is taken by the shard and commits with it. Kept small: a shard holds every user of the lookback window.
/// </summary>
public sealed class JourneyState
{
    public List<JourneyItem> Items { get; set; } = [];

    public DateTimeOffset? Watermark { get; set; }

    /// <summary>
    /// What <see cref="Items"/> contribute, kept from the last event: the next one needs it as its "before". A cache
    /// (null: computed again from the items), which the shard drops for all but its most recently active journeys.
    /// </summary>
    [JsonIgnore]
    public JourneyContributions? Contributions { get; set; }

    /// <summary>The row the last applied event emitted (null: it changed no credit or path), until the caller takes it.</summary>
    [JsonIgnore]
    public AttributionDelta? Delta { get; set; }

    public AttributionDelta? TakeDelta()
    {
        var delta = Delta;
        Delta = null;
        return delta;
    }
}

/// <summary>
/// A journey shard's own stored state, written by every write of the shard: how far its credit and path rows go, and
/// how far its users' journey rows (written only by snapshots) go. Between the two, the log itself holds the events.
/// </summary>
public sealed class JourneyShardState : IEmitsRows
{
    /// <summary>Events-topic partition → the highest offset whose rows committed: a replayed delivery re-sends offsets at or below it.</summary>
    public Dictionary<int, long> Applied { get; set; } = [];

    /// <summary>Events-topic partition → the highest offset the stored journey rows include (at most <see cref="Applied"/>).</summary>
    public Dictionary<int, long> Snapshot { get; set; } = [];

    [JsonIgnore]
    public List<object> PendingRows { get; } = [];
}
