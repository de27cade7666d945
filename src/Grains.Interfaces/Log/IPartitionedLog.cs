namespace AdOrleans.Log;

/// <summary>
/// A partitioned, ordered, durable log with Kafka's model: topics of N partitions, a record's
/// partition fixed by its key, and dense offsets per partition. Orleans' queue balancer decides which
/// silo reads which partition (see the stream adapter); the log itself knows no consumers.
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

    /// <summary>The process's reader of a partition, for its stream receiver: opening another one for the same partition replaces it.</summary>
    IPartitionReader OpenReader(TopicPartition partition, long fromOffset);

    /// <summary>
    /// Reads the records at offsets [<paramref name="fromOffset"/>, <paramref name="toOffset"/>] on a reader of its own,
    /// independent of <see cref="OpenReader"/> (grains re-reading their past must not take the stream receiver's partition).
    /// Records the log no longer holds are skipped; throws if it does not reach <paramref name="toOffset"/> within the timeout.
    /// </summary>
    Task ScanAsync(TopicPartition partition, long fromOffset, long toOffset, Action<LogRecord> each, TimeSpan timeout, CancellationToken cancellationToken);

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
