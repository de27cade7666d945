using System.Collections.Concurrent;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Per silo: which events partitions this silo's stream receivers read, and for each the lowest offset the lake
/// archiver holds in memory but has not written yet. The receiver never checkpoints past a hold, so records an
/// archiver buffers are replayed after a crash instead of lost. An archiver whose partition is read by another silo
/// (after a rebalance) cannot hold that silo's checkpoint: it writes every delivery before acknowledging it.
/// </summary>
public sealed class ArchiveHolds
{
    private readonly ConcurrentDictionary<int, long> _holds = new();
    private readonly ConcurrentDictionary<int, bool> _reading = new();

    public void Reading(int partition, bool reading)
    {
        if (reading)
        {
            _reading[partition] = true;
        }
        else
        {
            _reading.TryRemove(partition, out _);
        }
    }

    public bool IsReadHere(int partition) => _reading.ContainsKey(partition);

    /// <summary>Keeps the partition's checkpoint at or below <paramref name="offset"/> until <see cref="Release"/>.</summary>
    public void Hold(int partition, long offset) => _holds[partition] = offset;

    public void Release(int partition) => _holds.TryRemove(partition, out _);

    /// <summary>The checkpoint the receiver may store: <paramref name="checkpoint"/>, lowered to the partition's hold.</summary>
    public long Cap(int partition, long checkpoint) =>
        _holds.TryGetValue(partition, out var hold) ? Math.Min(hold, checkpoint) : checkpoint;
}
