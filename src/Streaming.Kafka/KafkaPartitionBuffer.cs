using Confluent.Kafka;
using AdOrleans.Log;
using RuntimeTopicPartition = AdOrleans.Log.TopicPartition;

namespace AdOrleans.Streaming.Kafka;

/// <summary>Records of one partition fetched by the hub and not yet read by its worker; the worker's <see cref="IPartitionReader"/>.</summary>
internal sealed class KafkaPartitionBuffer(RuntimeTopicPartition partition, long fromOffset, int capacity, KafkaReaderHub hub) : IPartitionReader
{
    private readonly Queue<LogRecord> _records = new();
    private readonly PartitionSignal _signal = new();
    private long _next = fromOffset;
    private int _paused;
    private int _closed;

    public RuntimeTopicPartition Partition => partition;

    public long Position { get; private set; } = fromOffset;

    /// <summary>Poll thread: buffers a record; true when the buffer is now full and the partition should pause.</summary>
    public bool Add(ConsumeResult<string, byte[]> result)
    {
        var record = new LogRecord(partition.Topic, partition.Partition, result.Offset.Value, result.Message.Key ?? "",
            result.Message.Value ?? [], result.Message.Timestamp.UtcDateTime);
        int count;
        lock (_records)
        {
            // A record below the next expected offset is a leftover of an earlier assignment of this partition.
            if (record.Offset < _next)
            {
                return false;
            }

            _next = record.Offset + 1;
            _records.Enqueue(record);
            count = _records.Count;
        }

        _signal.Pulse();
        return count >= capacity;
    }

    public int Read(List<LogRecord> into, int max)
    {
        int read = 0, left;
        lock (_records)
        {
            while (read < max && _records.TryDequeue(out var record))
            {
                into.Add(record);
                Position = record.Offset + 1;
                read++;
            }

            left = _records.Count;
        }

        if (Volatile.Read(ref _paused) == 1 && left < capacity / 2)
        {
            hub.Resume(this);
        }

        return read;
    }

    public ValueTask<bool> WaitForRecordsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(HasRecords, timeout, cancellationToken);

    public bool MarkPaused() => Interlocked.Exchange(ref _paused, 1) == 0;

    public bool MarkResumed() => Interlocked.Exchange(ref _paused, 0) == 1;

    private bool HasRecords()
    {
        lock (_records)
        {
            return _records.Count > 0;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            hub.Close(this);
        }
    }
}
