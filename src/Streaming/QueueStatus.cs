using System.Collections.Concurrent;

namespace AdOrleans.Streaming;

/// <summary>What one queue's receiver in this silo has done: for the cluster page, /metrics and readiness.</summary>
public sealed class QueueStatus(TopicPartition partition)
{
    private long _duplicates;

    public TopicPartition Partition { get; } = partition;

    /// <summary>Whether this silo reads the queue now (Orleans' balancer gave it here).</summary>
    public bool Owned { get; private set; }

    public long ReadPosition { get; private set; }

    /// <summary>The checkpoint stored: the lake's hold may keep it below <see cref="Processed"/> (docs/lake.md).</summary>
    public long Checkpoint { get; private set; }

    /// <summary>Where every consumer has processed up to: the lag counts from here, not from the stored checkpoint.</summary>
    public long Processed { get; private set; }

    public int RecentEventIds { get; private set; }

    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    internal void Started(long checkpoint) => (Owned, ReadPosition, Checkpoint, Processed) = (true, checkpoint, checkpoint, checkpoint);

    internal void Read(long position, int eventIds) => (ReadPosition, RecentEventIds) = (position, eventIds);

    internal void Checkpointed(long checkpoint) => Checkpoint = checkpoint;

    internal void ProcessedThrough(long processed) => Processed = processed;

    internal void Duplicates(int count) => Interlocked.Add(ref _duplicates, count);

    internal void Stopped() => Owned = false;
}

/// <summary>Every queue status of this silo, by partition.</summary>
public sealed class LogQueueStatuses
{
    private readonly ConcurrentDictionary<TopicPartition, QueueStatus> _queues = new();

    public QueueStatus For(TopicPartition partition) => _queues.GetOrAdd(partition, p => new QueueStatus(p));

    public IReadOnlyList<QueueStatus> All => [.. _queues.Values.OrderBy(q => q.Partition.Topic, StringComparer.Ordinal).ThenBy(q => q.Partition.Partition)];
}
