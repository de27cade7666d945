namespace AdOrleans.Streaming;

/// <summary>
/// The events topic's partitions this silo must not read now (a staged stall, <see cref="AdOrleans.Grains.Streams.IPartitionStallGrain"/>),
/// as last learned from the cluster. Receivers check it on every poll, so it is a plain snapshot swapped whole.
/// </summary>
public sealed class PartitionStalls(TimeProvider clock)
{
    private volatile IReadOnlyDictionary<int, DateTimeOffset> _until = new Dictionary<int, DateTimeOffset>();

    public void Set(IReadOnlyDictionary<int, DateTimeOffset> until) => _until = until;

    /// <summary>Also ends a stall at its end time between two refreshes.</summary>
    public bool IsStalled(TopicPartition partition) =>
        partition.Topic == Topics.Events && _until.TryGetValue(partition.Partition, out var until) && until > clock.GetUtcNow();
}
