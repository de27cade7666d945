namespace AdOrleans.Runtime;

public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}[{Partition}]";
}

/// <summary>A record read from the log. Offsets are dense and ordered within a partition, as in Kafka.</summary>
public sealed record LogRecord(string Topic, int Partition, long Offset, string Key, ReadOnlyMemory<byte> Value, DateTimeOffset Timestamp)
{
    private object? _decoded;

    /// <summary>
    /// The value decoded once for every grain type subscribed to this record's topic; each would otherwise
    /// parse the same bytes again (three times per event). Grains run concurrently, so a race may decode twice;
    /// one result wins. <typeparamref name="T"/> must be immutable: all subscribers share the instance.
    /// </summary>
    public T Decode<T>(Func<ReadOnlyMemory<byte>, T> decode)
        where T : class
    {
        if (Volatile.Read(ref _decoded) is T decoded)
        {
            return decoded;
        }

        var value = decode(Value);
        return Interlocked.CompareExchange(ref _decoded, value, null) as T ?? value;
    }
}

/// <summary>A record to append; its partition is the stable hash of <see cref="Key"/>.</summary>
public readonly record struct LogMessage(string Key, ReadOnlyMemory<byte> Value);

/// <summary>The log cannot take appends now (broker or disk unavailable). Callers answer 503, never a false ack.</summary>
public sealed class LogUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
