using System.Collections.Concurrent;
using System.Buffers;
using System.Text.Unicode;
using System.Text.Json;

namespace AdOrleans.Grains;

/// <summary>
/// One string per distinct value of the tracked events' low-cardinality fields (type, channel, campaign, slot,
/// creative, segments, geo, device), shared by every event decoded with it. A value already pooled is looked up from
/// the JSON's UTF-8 bytes without allocating. Pooling stops at <see cref="MaxValues"/> values, so ids a client invents
/// cannot grow it without bound; later values are read as new strings.
/// </summary>
public sealed class EventValuePool
{
    /// <summary>The most values kept: ~100 bytes each, so at most ~1.6 MB.</summary>
    public const int MaxValues = 16_384;

    /// <summary>Longer values are not pooled (ids of this size are not low-cardinality).</summary>
    private const int MaxChars = 128;

    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private int _count;

    public EventValuePool() => _byChars = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The process-wide pool the stream receivers decode with.</summary>
    public static EventValuePool Shared { get; } = new();

    /// <summary>Counted here: ConcurrentDictionary.Count takes every bucket lock, and a full pool is asked on every miss.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The string token <paramref name="reader"/> is on, pooled when it is short and unescaped.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxChars)
        {
            return reader.GetString() ?? throw new JsonException("Expected a string.");
        }

        Span<char> chars = stackalloc char[MaxChars];
        if (Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            // Invalid UTF-8: the reader reports it as it would without the pool.
            return reader.GetString()!;
        }

        var value = chars[..length];
        if (_byChars.TryGetValue(value, out var found))
        {
            return found;
        }

        var created = new string(value);
        if (Volatile.Read(ref _count) >= MaxValues)
        {
            return created;
        }

        var pooled = _values.GetOrAdd(created, created);
        if (ReferenceEquals(pooled, created))
        {
            Interlocked.Increment(ref _count);
        }

        return pooled;
    }
}
