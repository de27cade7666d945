namespace AdOrleans.Grains.Kpi;

/// <summary>Adds contributions into per-row deltas, so one batch upserts each touched row once.</summary>
public static class KpiRollupMerge
{
    public static Dictionary<KpiRollupKey, long[]> Merge(IEnumerable<KpiContribution> contributions, Dictionary<KpiRollupKey, long[]>? into = null)
    {
        into ??= [];
        foreach (var contribution in contributions)
        {
            foreach (var key in contribution.Keys())
            {
                if (!into.TryGetValue(key, out var counters))
                {
                    into[key] = counters = KpiCounters.New();
                }

                KpiCounters.AddTo(counters, contribution.Delta);
            }
        }

        return into;
    }
}
