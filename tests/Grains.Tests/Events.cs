using System.Text.Json;
using AdOrleans.Log;

namespace AdOrleans.Grains.Tests;

/// <summary>Builds tracked events and appends them to the log the way the gateway does (JSON on "events", keyed by PartitionKey).</summary>
public static class Events
{
    public static TrackedEvent New(string eventId, string type, string? campaignId = null, string channel = "web", long valueMicros = 0, long chargeMicros = 0)
    {
        var now = DateTimeOffset.UtcNow;
        return new TrackedEvent
        {
            EventId = eventId,
            Type = type,
            CampaignId = campaignId,
            Channel = channel,
            ValueMicros = valueMicros,
            ChargeMicros = chargeMicros,
            AuctionId = type is EventTypes.Impression or EventTypes.Click ? "auction-" + eventId : null,
            CreativeId = campaignId is null ? null : "creative-1",
            OccurredAt = now,
            ReceivedAt = now,
        };
    }

    public static async Task AppendAsync(IPartitionedLog log, IEnumerable<TrackedEvent> events)
    {
        var messages = events.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent))).ToList();
        await log.AppendAsync(Topics.Events, messages, CancellationToken.None);
    }

    /// <summary>What the totals of each key must be: every distinct eventId counted once (the first occurrence wins).</summary>
    public static Dictionary<string, EventTotals> ExpectedTotals(IEnumerable<TrackedEvent> appended)
    {
        return appended.DistinctBy(e => e.EventId).GroupBy(e => e.PartitionKey).ToDictionary(g => g.Key, g => new EventTotals
        {
            Events = g.Count(),
            ValueMicros = g.Sum(e => e.ValueMicros),
            ByType = g.GroupBy(e => e.Type).ToDictionary(t => t.Key, t => (long)t.Count(), StringComparer.Ordinal),
        });
    }

    public static bool Same(EventTotals? actual, EventTotals expected) =>
        actual is not null && actual.Events == expected.Events && actual.ValueMicros == expected.ValueMicros
        && actual.ByType.Count == expected.ByType.Count && expected.ByType.All(t => actual.ByType.GetValueOrDefault(t.Key) == t.Value);

    public static string Describe(EventTotals? totals) =>
        totals is null ? "null" : $"{totals.Events} events, {totals.ValueMicros} µ, [{string.Join(", ", totals.ByType.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))}]";

    /// <summary>The totals of one log key, from the aggregator of its partition.</summary>
    public static Task<EventTotals?> TotalsAsync(IClusterClient client, string key) =>
        client.ForLogKey(key, StoreServices.Partitions).GetTotalsAsync(key);

    public static async Task<bool> TotalsReachedAsync(IClusterClient client, IReadOnlyDictionary<string, EventTotals> expected)
    {
        foreach (var (key, totals) in expected)
        {
            if (!Same(await TotalsAsync(client, key), totals))
            {
                return false;
            }
        }

        return true;
    }

    public static async Task AssertTotalsAsync(IClusterClient client, IReadOnlyDictionary<string, EventTotals> expected)
    {
        foreach (var (key, totals) in expected)
        {
            var actual = await TotalsAsync(client, key);
            Assert.True(Same(actual, totals), $"totals of {key}: expected {Describe(totals)}, got {Describe(actual)}");
        }
    }
}
