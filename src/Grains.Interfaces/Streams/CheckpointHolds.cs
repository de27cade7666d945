using System.Collections.Concurrent;

namespace AdOrleans.Grains.Streams;

/// <summary>Who may hold an events partition's checkpoint back (<see cref="CheckpointHolds"/>).</summary>
public enum CheckpointHolder
{
    /// <summary>The lake archiver, while it buffers records not yet written to Parquet (docs/lake.md).</summary>
    Lake,

    /// <summary>The partition aggregator, while journey shards hold forwarded events not yet written (docs/attribution.md).</summary>
    Journeys,
}

/// <summary>
/// Per silo: which events partitions this silo's stream receivers read, and for each the lowest offset a grain holds
/// in memory but has not written yet. The receiver never checkpoints past a hold, so records held in memory are
/// replayed after a crash instead of lost. A grain whose partition is read by another silo (after a rebalance)
/// cannot hold that silo's checkpoint: it makes every delivery durable before acknowledging it.
/// </summary>
public sealed class CheckpointHolds
{
    private static readonly CheckpointHolder[] Holders = Enum.GetValues<CheckpointHolder>();

    private readonly ConcurrentDictionary<(int Partition, CheckpointHolder Holder), long> _holds = new();
    private readonly ConcurrentDictionary<int, bool> _reading = new();

    /// <summary>A receiver starts or stops reading the partition here; when it stops, the holds on it mean nothing here any more.</summary>
    public void Reading(int partition, bool reading)
    {
        if (reading)
        {
            _reading[partition] = true;
            return;
        }

        _reading.TryRemove(partition, out _);
        foreach (var holder in Holders)
        {
            _holds.TryRemove((partition, holder), out _);
        }
    }

    public bool IsReadHere(int partition) => _reading.ContainsKey(partition);

    /// <summary>Keeps the partition's checkpoint at or below <paramref name="offset"/> until <see cref="Release"/>.</summary>
    public void Hold(int partition, CheckpointHolder holder, long offset) => _holds[(partition, holder)] = offset;

    public void Release(int partition, CheckpointHolder holder) => _holds.TryRemove((partition, holder), out _);

    /// <summary>The checkpoint the receiver may store: <paramref name="checkpoint"/>, lowered to the partition's lowest hold.</summary>
    public long Cap(int partition, long checkpoint)
    {
        foreach (var holder in Holders)
        {
            if (_holds.TryGetValue((partition, holder), out var hold))
            {
                checkpoint = Math.Min(hold, checkpoint);
            }
        }

        return checkpoint;
    }
}
