namespace AdOrleans.Log;

public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}[{Partition}]";
}

/// <summary>A record read from the log. Offsets are dense and ordered within a partition, as in Kafka.</summary>
public sealed record LogRecord(string Topic, int Partition, long Offset, string Key, ReadOnlyMemory<byte> Value, DateTimeOffset Timestamp);

/// <summary>A record to append; its partition is the stable hash of <see cref="Key"/>.</summary>
public readonly record struct LogMessage(string Key, ReadOnlyMemory<byte> Value);

/// <summary>The log cannot take appends now (broker or disk unavailable). Callers answer 503, never a false ack.</summary>
public sealed class LogUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
