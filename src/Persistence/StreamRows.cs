using AdOrleans.Grains.Streams;

namespace AdOrleans.Persistence;

/// <summary>
/// An eventId seen on a partition of the events topic, at its first offset: later records with it are client retries.
/// A struct: one is made per new event and lives only until its poll's row is written.
/// </summary>
public readonly record struct RecentEventId(int Partition, string EventId, long Offset, DateTimeOffset At);

/// <summary>
/// The new eventIds of one poll of a partition, stored as one row (one insert per poll, not per event). The row
/// expires with its newest id.
/// </summary>
public sealed record RecentEventIds(int Partition, IReadOnlyList<RecentEventId> Ids)
{
    public long FirstOffset => Ids[0].Offset;

    public DateTimeOffset At => Ids.Max(i => i.At);
}

/// <summary>Forgets the eventIds of a partition recorded before <see cref="Before"/> (the dedupe window moved on).</summary>
public sealed record EventIdExpiry(int Partition, DateTimeOffset Before);

/// <summary>What the stream receivers read back from the store when a queue starts.</summary>
public interface IReceiverStore
{
    /// <summary>The eventIds of a partition recorded at or after <paramref name="since"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<RecentEventId>> ReadEventIdsAsync(int partition, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Dead letters recorded so far, newest first (for operators).</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int limit, CancellationToken cancellationToken);

    ValueTask<long> CountDeadLettersAsync(CancellationToken cancellationToken);
}

/// <summary>Told after each group commit which grain states it wrote. Must return quickly.</summary>
public interface IStateCommitObserver
{
    void OnCommitted(IReadOnlyList<StateId> states);
}
