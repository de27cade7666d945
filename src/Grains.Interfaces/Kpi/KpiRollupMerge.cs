namespace AdOrleans.Grains.Kpi;

/// <summary>Adds contributions into per-row deltas, so one batch upserts each touched row once.</summary>
public static class KpiRollupMerge
{
    /// <summary>
    /// Merges into minute buckets first, then adds each minute bucket to its hour and day rows: a batch's events mostly
    /// share minutes, so this does a third of the per-event work of adding every event to all three rows.
    /// </summary>
    public static Dictionary<KpiRollupKey, long[]> Merge(IEnumerable<KpiContribution> contributions, Dictionary<KpiRollupKey, long[]>? into = null)
    {
        into ??= [];
        var minutes = new Dictionary<KpiRollupKey, long[]>();
        foreach (var contribution in contributions)
        {
            var minute = KpiGranularity.Minute.BucketStart(contribution.OccurredAtSeconds);
            foreach (var dimension in contribution.Dimensions)
            {
                AddTo(minutes, new KpiRollupKey(contribution.Source, dimension.Dimension, dimension.Id, KpiGranularity.Minute, minute), contribution.Delta);
            }
        }

        foreach (var (key, counters) in minutes)
        {
            foreach (var granularity in KpiGranularities.All)
            {
                AddTo(into, key with { Granularity = granularity, BucketStart = granularity.BucketStart(key.BucketStart) }, counters);
            }
        }

        return into;
    }

    private static void AddTo(Dictionary<KpiRollupKey, long[]> rows, KpiRollupKey key, long[] delta)
    {
        if (!rows.TryGetValue(key, out var counters))
        {
            rows[key] = counters = KpiCounters.New();
        }

        KpiCounters.AddTo(counters, delta);
    }
}
