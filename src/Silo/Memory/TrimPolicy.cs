namespace AdOrleans.Silo.Memory;

/// <summary>
/// When a trim is worth it: the process is idle (allocating less than <see cref="MemoryOptions.IdleAllocationBytesPerSecond"/>
/// over the last interval) and the committed heap grew by more than <see cref="MemoryOptions.TrimAboveBytes"/> since
/// the last trim, or since the collector last shrank it by itself.
/// </summary>
public sealed class TrimPolicy(MemoryOptions options, long allocatedBytes, long committedBytes)
{
    private long _allocated = allocatedBytes;
    private long _baseline = committedBytes;

    /// <summary>One sample per <see cref="MemoryOptions.CheckInterval"/>: the process's total allocated bytes and the heap's committed bytes.</summary>
    public bool ShouldTrim(long allocatedBytes, long committedBytes)
    {
        var perSecond = (allocatedBytes - _allocated) / options.CheckInterval.TotalSeconds;
        _allocated = allocatedBytes;
        if (committedBytes < _baseline)
        {
            _baseline = committedBytes;
        }

        return perSecond < options.IdleAllocationBytesPerSecond && committedBytes - _baseline > options.TrimAboveBytes;
    }

    /// <summary>After a trim: growth is measured from what it left, and its own allocations do not count as load.</summary>
    public void Trimmed(long allocatedBytes, long committedBytes) => (_allocated, _baseline) = (allocatedBytes, committedBytes);
}
