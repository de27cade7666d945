namespace AdOrleans.Grains.Kpi;

/// <summary>Adds contributions into per-row deltas, so one batch upserts each touched row once.</summary>
public static class KpiRollupMerge
{
    /// <summary>Every row the contributions touch, at every granularity, with its summed delta.</summary>
    public static Dictionary<KpiRollupKey, long[]> Merge(IEnumerable<KpiContribution> contributions, Dictionary<KpiRollupKey, long[]>? into = null)
    {
        var minutes = new Dictionary<KpiRollupKey, long[]>();
        AddToMinutes([.. contributions], minutes);
        return Expand(minutes, into ?? []);
    }

    /// <summary>
    /// Sums contributions into minute rows. A delivery's events mostly share minutes, so merging into minutes first
    /// and expanding to hour and day rows once (<see cref="Expand"/>) does a third of the per-event work. Loops by index:
    /// enumerating through the interfaces boxed two enumerators per event (3 % of the pipeline's allocation).
    /// </summary>
    public static void AddToMinutes(List<KpiContribution> contributions, Dictionary<KpiRollupKey, long[]> minutes)
    {
        foreach (var contribution in contributions)
        {
            var minute = KpiGranularity.Minute.BucketStart(contribution.OccurredAtSeconds);
            var dimensions = contribution.Dimensions;
            for (var i = 0; i < dimensions.Count; i++)
            {
                var dimension = dimensions[i];
                AddTo(minutes, new KpiRollupKey(contribution.Source, dimension.Dimension, dimension.Id, KpiGranularity.Minute, minute), contribution.Delta);
            }
        }
    }

    /// <summary>
    /// Adds each minute row to itself and to its hour and day rows. A minute row new to <paramref name="into"/> takes the
    /// minute's own counters, which <paramref name="into"/> then owns: callers drop <paramref name="minutes"/> afterwards.
    /// </summary>
    public static Dictionary<KpiRollupKey, long[]> Expand(Dictionary<KpiRollupKey, long[]> minutes, Dictionary<KpiRollupKey, long[]> into)
    {
        foreach (var (key, counters) in minutes)
        {
            for (var g = 0; g < KpiGranularities.All.Count; g++)
            {
                var granularity = KpiGranularities.All[g];
                if (granularity == KpiGranularity.Minute && into.TryAdd(key, counters))
                {
                    continue;
                }

                AddTo(into, key with { Granularity = granularity, BucketStart = granularity.BucketStart(key.BucketStart) }, counters);
            }
        }

        return into;
    }

    /// <summary>Sums the deltas of one commit per row (several deliveries of one aggregator may share rows).</summary>
    public static Dictionary<KpiRollupKey, long[]> Merge(IEnumerable<KpiRollupDelta> deltas)
    {
        var rows = new Dictionary<KpiRollupKey, long[]>();
        foreach (var delta in deltas)
        {
            AddTo(rows, delta.Key, delta.Delta);
        }

        return rows;
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
