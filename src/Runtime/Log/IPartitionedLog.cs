namespace AdOrleans.Runtime;

/// <summary>
/// A partitioned, ordered, durable log with Kafka's model: topics of N partitions, a record's
/// partition fixed by its key, dense offsets per partition, and consumer groups that give each
/// partition to exactly one member at a time.
/// </summary>
public interface IPartitionedLog : IAsyncDisposable
{
    IReadOnlyList<string> Topics { get; }

    int PartitionCount(string topic);

    /// <summary>Completes only once every message is durable (on disk, or acknowledged by all in-sync replicas).</summary>
    /// <exception cref="LogUnavailableException">Nothing can be guaranteed appended.</exception>
    ValueTask AppendAsync(string topic, IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken);

    /// <summary>The offset the next appended record of the partition will get (Kafka's high watermark).</summary>
    ValueTask<long> EndOffsetAsync(TopicPartition partition, CancellationToken cancellationToken);

    IPartitionReader OpenReader(TopicPartition partition, long fromOffset);

    /// <summary>Joins a consumer group; the handler learns which partition numbers this member owns, and loses.</summary>
    ValueTask<IAsyncDisposable> JoinGroupAsync(string group, IReadOnlyList<string> topics, IPartitionAssignmentHandler handler, CancellationToken cancellationToken);

    ValueTask<bool> PingAsync(CancellationToken cancellationToken);
}

public interface IPartitionReader : IDisposable
{
    /// <summary>Offset of the next record this reader returns.</summary>
    long Position { get; }

    /// <summary>Appends up to <paramref name="max"/> durable records to <paramref name="into"/> without waiting; returns how many.</summary>
    int Read(List<LogRecord> into, int max);

    /// <summary>Completes when a record is available at <see cref="Position"/> (true) or the timeout passed (false).</summary>
    ValueTask<bool> WaitForRecordsAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Partition numbers are shared by all co-partitioned topics: owning partition p means owning p of every topic.</summary>
public interface IPartitionAssignmentHandler
{
    Task OnAssignedAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken);

    /// <summary>Must finish the turn in progress and commit state and offsets before it returns.</summary>
    Task OnRevokedAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken);
}
