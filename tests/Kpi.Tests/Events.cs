using AdOrleans.Grains;

namespace AdOrleans.Kpi.Tests;

/// <summary>Builders for test events.</summary>
internal static class Events
{
    /// <summary>An hour boundary three hours ago: every test time is inside what the gateway accepts.</summary>
    public static readonly DateTimeOffset T = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour - 3 * TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static TrackedEvent Ad(string eventId, string type, string campaign, string auction, DateTimeOffset at, long charge,
        string channel = "display", string? slot = null, string? creative = null, string[]? segments = null, DateTimeOffset? receivedAt = null) => new()
    {
        EventId = eventId, Type = type, CampaignId = campaign, AuctionId = auction, Channel = channel, OccurredAt = at, ReceivedAt = receivedAt ?? at,
        ChargeMicros = charge, SlotId = slot, CreativeId = creative, Segments = segments, BidType = "cpm",
    };

    public static TrackedEvent Plain(string eventId, string type, DateTimeOffset at, string? campaign = null, string channel = "display",
        string? user = null, long value = 0, DateTimeOffset? receivedAt = null) => new()
    {
        EventId = eventId, Type = type, CampaignId = campaign, Channel = channel, UserId = user, ValueMicros = value,
        OccurredAt = at, ReceivedAt = receivedAt ?? at,
    };

    /// <summary>The JSON a client posts to /v1/events.</summary>
    public static object Body(string eventId, string type, DateTimeOffset at, string? campaign = null, string channel = "display", string? user = null, long value = 0) =>
        new { eventId, type, campaignId = campaign, channel, userId = user, valueMicros = value, occurredAt = at };
}
