using AdOrleans.Grains.Kpi;

namespace AdOrleans.Kpi.Tests;

/// <summary>
/// The reference the aggregator's merge (minute rows first, then <see cref="KpiRollupMerge.MergeExpanded"/>) is checked
/// against: every contribution added straight to its row at every granularity, each row its own counters.
/// </summary>
internal static class RollupRows
{
    public static Dictionary<KpiRollupKey, long[]> Of(IEnumerable<KpiContribution> contributions, Dictionary<KpiRollupKey, long[]>? into = null)
    {
        var rows = into ?? [];
        foreach (var contribution in contributions)
        {
            foreach (var dimension in contribution.Dimensions)
            {
                foreach (var granularity in KpiGranularities.All)
                {
                    var key = new KpiRollupKey(contribution.Source, dimension.Dimension, dimension.Id, granularity, granularity.BucketStart(contribution.OccurredAtSeconds));
                    if (!rows.TryGetValue(key, out var counters))
                    {
                        rows[key] = counters = KpiCounters.New();
                    }

                    KpiCounters.AddTo(counters, contribution.Delta);
                }
            }
        }

        return rows;
    }
}
