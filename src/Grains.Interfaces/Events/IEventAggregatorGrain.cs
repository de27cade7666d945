using AdOrleans.Grains.Kpi;
using AdOrleans.Log;

namespace AdOrleans.Grains;

/// <summary>
/// Aggregates every event of one partition of the events topic, the way Kafka Streams runs one task per partition:
/// per log key (a campaign id, or <c>channel:&lt;channel&gt;</c>) it keeps running totals and the KPI aggregation
/// state, and it emits KPI rollup deltas. One grain turn per poll of the partition, however many keys the poll holds.
/// Keyed <c>events/&lt;partition&gt;</c> (<see cref="EventAggregators.KeyOf"/>).
/// </summary>
public interface IEventAggregatorGrain : IGrainWithStringKey
{
    public const string GrainType = "event-aggregates";

    /// <summary>The totals of one log key of this partition, or null when no event of it was ever counted.</summary>
    Task<EventTotals?> GetTotalsAsync(string logKey);

    /// <summary>What the KPI aggregation saw of one log key of this partition, or null when nothing.</summary>
    Task<KpiAggregatorStatus?> GetKpiStatusAsync(string logKey);

    /// <summary>
    /// Removes the user from every key's KPI working sets (known buyers, open sessions) and writes the keys it
    /// changed; totals and rollups stay. Returns how many keys held the user. Idempotent (docs/privacy.md).
    /// </summary>
    Task<int> EraseUserAsync(string userId);

    Task<IReadOnlyList<Privacy.UserKpiState>> ExportUserAsync(string userId);
}

/// <summary>Finds the aggregator of a log key: the one of the partition the key's records are on.</summary>
public static class EventAggregators
{
    /// <summary>The keys of the first partitions, made once: every record is routed by its partition's key.</summary>
    private static readonly string[] Keys = [.. Enumerable.Range(0, 1024).Select(Format)];

    public static string KeyOf(int partition) => (uint)partition < (uint)Keys.Length ? Keys[partition] : Format(partition);

    /// <summary>The partition an aggregator key names (the inverse of <see cref="KeyOf"/>).</summary>
    public static int PartitionOf(string aggregatorKey) =>
        int.Parse(aggregatorKey.AsSpan(aggregatorKey.IndexOf('/', StringComparison.Ordinal) + 1), System.Globalization.CultureInfo.InvariantCulture);

    public static IEventAggregatorGrain ForLogKey(this IGrainFactory grains, string logKey, int partitionCount) =>
        grains.GetGrain<IEventAggregatorGrain>(KeyOf(KeyPartitioner.Partition(logKey, partitionCount)));

    private static string Format(int partition) => $"{Topics.Events}/{partition.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
