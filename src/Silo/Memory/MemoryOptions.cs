using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Silo.Memory;

/// <summary>When the process hands memory its garbage collector no longer needs back to the OS (section <c>Memory</c>, docs/memory.md).</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>
    /// After a burst, the server GC keeps the heap it grew to (gigabytes of dead events promoted to gen 2 while they
    /// waited for delivery) until allocation resumes: this returns it once the process is idle.
    /// </summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>
    /// While idle, between trims, a gen0 collection every <see cref="CheckInterval"/>: an idle service still allocates
    /// ~1 MB/s (stream polls, timers), and the collector's gen0 budget after a burst lets that commit fresh memory for
    /// minutes (measured: +1.1 MiB of RSS per second after a trim; +0.2 with these collections).
    /// </summary>
    public bool CollectYoungWhenIdle { get; set; } = true;

    /// <summary>How often allocation and the committed heap are sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Below this allocation rate (bytes per second over one interval) the process counts as idle.</summary>
    [Range(0, long.MaxValue)]
    public long IdleAllocationBytesPerSecond { get; set; } = 8L * 1024 * 1024;

    /// <summary>A trim runs only when the committed heap grew by more than this since the last one (a compacting full collection is not free).</summary>
    [Range(0, long.MaxValue)]
    public long TrimAboveBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// Below saturation, a gen0 collection once the process has allocated this much since the last one (0: off). The
    /// server GC's own budget grows to ~100 MB under moderate load, and walking it stopped requests for 12–30 ms; 8 MiB
    /// collections pause for 3–6 ms (docs/memory.md).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long PacedYoungCollectionBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Paced collections stop while the process used at least this share of its processors over the last second: saturated, the collector's own budget costs less per byte.</summary>
    [Range(0.05, 1.0)]
    public double PaceBelowCpuShare { get; set; } = 0.75;

    /// <summary>How often the pacer looks at what was allocated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan PaceCheckInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
