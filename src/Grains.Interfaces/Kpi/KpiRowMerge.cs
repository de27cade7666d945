namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Rollup rows arrive in key order with one row per source grain; a store adds each row's counters to the
/// answer row these return, so the sources of one bucket (or one id) become one row without GROUP BY.
/// </summary>
public static class KpiRowMerge
{
    /// <summary>The counters of the bucket (<paramref name="id"/>, <paramref name="bucketStart"/>): the last row when it is that bucket, else a new one.</summary>
    public static long[] CountersOf(this List<KpiBucketRow> rows, string id, long bucketStart)
    {
        if (rows.Count == 0 || rows[^1].BucketStart != bucketStart || rows[^1].Id != id)
        {
            rows.Add(new KpiBucketRow(id, bucketStart, Grains.Kpi.KpiCounters.New()));
        }

        return rows[^1].Counters;
    }

    /// <summary>The counters of <paramref name="id"/>: the last row when it is that id, else a new one.</summary>
    public static long[] CountersOf(this List<KpiIdTotals> rows, string id)
    {
        if (rows.Count == 0 || rows[^1].Id != id)
        {
            rows.Add(new KpiIdTotals(id, Grains.Kpi.KpiCounters.New()));
        }

        return rows[^1].Counters;
    }
}
