using System.Text.Json;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// Everything the benchmark appended to the events topic: per campaign key the count the committed totals must show,
/// and the next event id. Ids never repeat within a run: the receiver drops a repeated eventId as a client retry.
/// </summary>
internal sealed class Ledger(int keys, int users)
{
    private readonly long[] _perKey = new long[keys];
    private int _nextEventId;

    public long Total { get; private set; }

    public IReadOnlyList<long> PerKey => _perKey;

    /// <summary>One pageview per key index (campaign <c>c-{index}</c>) by one of <c>users</c> users, as Pipeline.Bench appends them.</summary>
    public List<LogMessage> Messages(IReadOnlyList<int> keyIndexes)
    {
        var at = DateTimeOffset.UtcNow;
        var messages = new List<LogMessage>(keyIndexes.Count);
        foreach (var k in keyIndexes)
        {
            var id = _nextEventId;
            messages.Add(Message(k, $"u-{id % users}", 0, at));
        }

        return messages;
    }

    /// <summary>
    /// The baseline benchmark's own workload (its Workload.cs): event i is a pageview on campaign i mod K by user
    /// i mod 5,000 worth i mod 7 micros, so every key gets the same share, round robin, and few users.
    /// </summary>
    public List<LogMessage> CyclicMessages(int count)
    {
        var at = DateTimeOffset.UtcNow;
        var messages = new List<LogMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var id = _nextEventId;
            messages.Add(Message(id % keys, $"u-{id % 5000}", id % 7, at));
        }

        return messages;
    }

    private LogMessage Message(int key, string user, long valueMicros, DateTimeOffset at)
    {
        var id = _nextEventId++;
        var tracked = new TrackedEvent
        {
            EventId = $"e-{id}", Type = "pageview", CampaignId = $"c-{key}", Channel = "web",
            UserId = user, ValueMicros = valueMicros, OccurredAt = at, ReceivedAt = at,
        };
        _perKey[key]++;
        Total++;
        return new LogMessage(tracked.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent));
    }
}
