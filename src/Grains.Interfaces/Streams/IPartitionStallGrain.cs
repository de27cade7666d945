namespace AdOrleans.Grains.Streams;

/// <summary>
/// Stalls of the events topic's consumers staged on purpose (an incident drill: the simulator's stalled-partition,
/// docs/simulator.md): while one lasts, no silo reads that partition, so its lag grows. One activation per cluster
/// (<see cref="Key"/>); every silo asks it once a second. Not persisted: a stall lasts seconds to minutes, and one
/// lost with the grain's silo ends early rather than outliving the drill.
/// </summary>
public interface IPartitionStallGrain : IGrainWithStringKey
{
    public const string GrainType = "partition-stalls";
    public const string Key = "cluster";

    /// <summary>No silo reads the partition until <paramref name="until"/> (a later stall of it replaces this one).</summary>
    Task StallAsync(int partition, DateTimeOffset until);

    /// <summary>The partitions stalled now, with the end of each stall.</summary>
    Task<Dictionary<int, DateTimeOffset>> ActiveAsync();
}
