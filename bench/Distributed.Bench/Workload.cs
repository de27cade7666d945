using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Runtime;

namespace AdOrleans.Distributed.Bench;

/// <summary>Pageviews spread over campaign keys, as the gateway would put them on the events topic.</summary>
internal sealed class Workload(int keys)
{
    /// <summary>Events <paramref name="first"/>.. (ids differ per phase: the KPI aggregator drops repeated ids).</summary>
    public IEnumerable<LogMessage> Messages(int count, int first = 0)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = first; i < first + count; i++)
        {
            var tracked = Event(i, now);
            yield return new LogMessage(tracked.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent));
        }
    }

    public IEnumerable<TrackedEvent> Rows(int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            yield return Event(i, now);
        }
    }

    private TrackedEvent Event(int i, DateTimeOffset now) => new()
    {
        EventId = "e-" + i,
        Type = "pageview",
        CampaignId = "c-" + (i % keys),
        Channel = "web",
        UserId = "u-" + (i % 5000),
        ValueMicros = i % 7,
        OccurredAt = now,
        ReceivedAt = now,
    };
}
