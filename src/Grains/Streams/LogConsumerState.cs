using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Streams;

/// <summary>
/// What every stream-consuming grain stores with its own state: the last offset it applied per log partition,
/// written in the same transaction as the effects. A replay (after a crash, or a rebalance that handed a queue to
/// another silo) delivers offsets at or below it again; they are skipped, so each record takes effect once.
/// </summary>
public abstract class LogConsumerState : IEmitsRows
{
    /// <summary>"topic/partition" → the highest offset applied.</summary>
    public Dictionary<string, long> Applied { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public List<object> PendingRows { get; } = [];

    private (string Topic, int Partition, string Key)? _lastPartition;

    /// <summary>True when <paramref name="entry"/> is new; it is then recorded as applied.</summary>
    public bool TryAdvance(LogEntry entry)
    {
        var partition = PartitionKey(entry);
        if (Applied.TryGetValue(partition, out var last) && entry.Offset <= last)
        {
            return false;
        }

        Applied[partition] = entry.Offset;
        return true;
    }

    /// <summary>"topic/partition" of the entry, made once per partition in a row: a delivery's entries share it.</summary>
    private string PartitionKey(LogEntry entry)
    {
        if (_lastPartition is not { } last || last.Partition != entry.Partition || !string.Equals(last.Topic, entry.Topic, StringComparison.Ordinal))
        {
            _lastPartition = last = (entry.Topic, entry.Partition, $"{entry.Topic}/{entry.Partition}");
        }

        return last.Key;
    }
}
