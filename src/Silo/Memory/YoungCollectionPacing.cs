namespace AdOrleans.Silo.Memory;

/// <summary>One look at the process: its gen0 collections and allocated bytes so far, and the wall and CPU time.</summary>
public readonly record struct ProcessSample(int YoungCollections, long AllocatedBytes, TimeSpan Elapsed, TimeSpan CpuTime);

/// <summary>
/// Decides when <see cref="YoungCollectionPacer"/> collects gen0 early: once the process has allocated
/// <see cref="MemoryOptions.PacedYoungCollectionBytes"/> since the last gen0 collection (its own or the collector's),
/// unless the process used at least <see cref="MemoryOptions.PaceBelowCpuShare"/> of its processors over the last
/// second. Saturated, throughput is what counts and the collector's own budget is the cheapest per byte.
/// </summary>
public sealed class YoungCollectionPacing(long budgetBytes, double cpuShareCeiling, int processors, ProcessSample start)
{
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(1);

    private int _youngCollections = start.YoungCollections;
    private long _allocatedAtCollection = start.AllocatedBytes;
    private ProcessSample _windowStart = start;
    private bool _saturated;

    /// <summary>Whether to collect gen0 now; after doing so, call <see cref="Collected"/>.</summary>
    public bool ShouldCollect(ProcessSample sample)
    {
        if (sample.Elapsed - _windowStart.Elapsed >= CpuWindow)
        {
            var share = (sample.CpuTime - _windowStart.CpuTime) / (sample.Elapsed - _windowStart.Elapsed) / processors;
            _saturated = share >= cpuShareCeiling;
            _windowStart = sample;
        }

        if (sample.YoungCollections != _youngCollections)
        {
            Collected(sample);
            return false;
        }

        return !_saturated && sample.AllocatedBytes - _allocatedAtCollection >= budgetBytes;
    }

    /// <summary>Allocation counts again from this sample, taken after a gen0 collection.</summary>
    public void Collected(ProcessSample sample) => (_youngCollections, _allocatedAtCollection) = (sample.YoungCollections, sample.AllocatedBytes);
}
