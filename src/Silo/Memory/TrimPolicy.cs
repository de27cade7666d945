namespace AdOrleans.Silo.Memory;

/// <summary>What the idle trimmer does after a sample.</summary>
public enum IdleStep
{
    /// <summary>The process is busy: the collector's own budgets rule.</summary>
    None,

    /// <summary>Idle, the heap did not grow much: a gen0 collection keeps what little is allocated from committing fresh memory.</summary>
    CollectYoung,

    /// <summary>Idle after the heap grew: caches dropped and a compacting full collection.</summary>
    Trim,
}

/// <summary>
/// When the process is idle (allocating less than <see cref="MemoryOptions.IdleAllocationBytesPerSecond"/> over the last
/// interval): a trim when the committed heap grew by more than <see cref="MemoryOptions.TrimAboveBytes"/> since the
/// last trim, or since the collector last shrank it by itself; otherwise a young collection
/// (<see cref="MemoryOptions.CollectYoungWhenIdle"/>).
/// </summary>
public sealed class TrimPolicy(MemoryOptions options, long allocatedBytes, long committedBytes)
{
    private long _allocated = allocatedBytes;
    private long _baseline = committedBytes;

    /// <summary>One sample per <see cref="MemoryOptions.CheckInterval"/>: the process's total allocated bytes and the heap's committed bytes.</summary>
    public IdleStep Next(long allocatedBytes, long committedBytes)
    {
        var perSecond = (allocatedBytes - _allocated) / options.CheckInterval.TotalSeconds;
        _allocated = allocatedBytes;
        if (committedBytes < _baseline)
        {
            _baseline = committedBytes;
        }

        if (perSecond >= options.IdleAllocationBytesPerSecond)
        {
            return IdleStep.None;
        }

        if (committedBytes - _baseline > options.TrimAboveBytes)
        {
            return IdleStep.Trim;
        }

        return options.CollectYoungWhenIdle ? IdleStep.CollectYoung : IdleStep.None;
    }

    /// <summary>After a trim: growth is measured from what it left, and its own allocations do not count as load.</summary>
    public void Trimmed(long allocatedBytes, long committedBytes) => (_allocated, _baseline) = (allocatedBytes, committedBytes);
}
