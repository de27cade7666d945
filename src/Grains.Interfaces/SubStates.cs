namespace AdOrleans.Grains;

/// <summary>
/// One entry of a grain's keyed state that is stored as its own row, so a grain holding many keys (an aggregator
/// of a whole partition) writes only the keys a delivery changed. Emitted through <see cref="IEmitsRows"/>: it
/// lands in the same transaction as the grain's own state and offsets. A later row of the same key replaces it.
/// </summary>
public sealed record SubStateRow(string GrainType, string GrainKey, string SubKey, byte[] Data);

/// <summary>Deletes one keyed state row (an erased user's journey), in the transaction of its grain's write.</summary>
public sealed record SubStateRemoval(string GrainType, string GrainKey, string SubKey);

/// <summary>Reads back a grain's keyed state rows when it activates.</summary>
public interface ISubStateReader
{
    ValueTask<IReadOnlyList<(string SubKey, byte[] Data)>> ReadAllAsync(string grainType, string grainKey, CancellationToken cancellationToken);
}

/// <summary>Deletes one grain's own state row, in the transaction of the grain that took its data over.</summary>
public sealed record GrainStateRemoval(string GrainType, string GrainKey);

/// <summary>Reads every stored state of one grain type (for grains that take over the state of a former grain kind).</summary>
public interface IGrainStateScanner
{
    ValueTask<IReadOnlyList<(string GrainKey, byte[] Data)>> ReadAllAsync(string grainType, CancellationToken cancellationToken);
}
