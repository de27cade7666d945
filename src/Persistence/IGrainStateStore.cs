
namespace AdOrleans.Persistence;

/// <summary>
/// Durable grain state and consumer offsets. <see cref="CommitAsync"/> is the exactly-once primitive:
/// the states a batch of log records produced and the offsets after that batch land in one transaction.
/// </summary>
public interface IGrainStateStore
{
    ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken);

    /// <summary>Writes one state if the stored ETag equals <paramref name="expectedETag"/> (null: not stored yet); returns the new ETag.</summary>
    /// <exception cref="StaleETagException">The stored ETag differs.</exception>
    ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>The next offset to consume for a partition, or 0 when the group never committed one.</summary>
    ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken);

    /// <summary>Writes all states (ETag-checked) and offsets atomically; returns the new ETags in the order of <see cref="PartitionCommit.States"/>.</summary>
    /// <exception cref="StaleETagException">Any ETag differs; nothing was written.</exception>
    ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken);

    /// <summary>Whether the store answers now (readiness).</summary>
    ValueTask<bool> PingAsync(CancellationToken cancellationToken);
}

public sealed record StoredGrainState(byte[] Data, string ETag);

public sealed record StateWrite(StateId StateId, byte[] Data, string? ExpectedETag);

public sealed record PartitionCommit(
    string Group,
    IReadOnlyList<(TopicPartition Partition, long NextOffset)> Offsets,
    IReadOnlyList<StateWrite> States)
{
    /// <summary>Rows grains emitted (<see cref="IEmitsRows"/>); each store writes them with a writer registered for the row's type.</summary>
    public IReadOnlyList<object> Rows { get; init; } = [];

    /// <summary>
    /// The stored offsets this batch started from, aligned with <see cref="Offsets"/>, or null. A store shared by
    /// several processes (PostgreSQL) commits only if the stored offsets still equal these, and otherwise throws
    /// <see cref="StaleETagException"/>: this fences a former owner that lost its partition without a clean
    /// revoke. Single-process stores may ignore it.
    /// </summary>
    public IReadOnlyList<long>? ExpectedOffsets { get; init; }
}

/// <summary>ETags are the stored version number as text: "1" after the first write.</summary>
public static class ETags
{
    public static string Next(string? current) =>
        current is null ? "1" : (long.Parse(current, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
