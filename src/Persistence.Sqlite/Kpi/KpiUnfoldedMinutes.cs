using AdOrleans.Grains.Kpi;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// The part of an hour or day answer not yet in hour and day rows: the minute rows above the fold's position
/// (<see cref="KpiFoldCursor"/>), added by readers in the same statement as the rows they complete, so both come from
/// one snapshot. Without an id the fold-order index bounds the scan to the unfolded minutes (a few minutes' rows);
/// with one, the key's own minutes in the range are found by the primary key.
/// </summary>
internal static class KpiUnfoldedMinutes
{
    /// <summary>Minute rows of <c>$d</c> (and <c>$i</c>) with bucket in [<c>$mf</c>, <c>$mt</c>) not yet folded.</summary>
    public static string Select(string columns, bool byId) => $"""
        SELECT {columns} FROM kpi_rollups {(byId ? "" : "INDEXED BY kpi_rollups_minutes")}
        WHERE granularity = {(long)KpiGranularity.Minute} AND dimension = $d {(byId ? "AND dimension_id = $i" : "")}
          AND bucket_start >= max($mf, {KpiFoldCursor.FirstUnfoldedMinuteSql}) AND bucket_start < $mt
          AND {KpiFoldCursor.UnfoldedSql}
        """;

    /// <summary>The minutes whose <paramref name="granularity"/> bucket lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static (long From, long To) MinutesOf(KpiGranularity granularity, long from, long to) =>
        (Ceiling(granularity, from), Ceiling(granularity, to));

    /// <summary>Adds the unfolded rows read after the stored ones into <paramref name="rows"/>, keeping them in (id, bucket) order.</summary>
    public static void MergeInto(List<KpiBucketRow> rows, Dictionary<(string Id, long Bucket), long[]> unfolded)
    {
        if (unfolded.Count == 0)
        {
            return;
        }

        foreach (var row in rows)
        {
            if (unfolded.Remove((row.Id, row.BucketStart), out var counters))
            {
                KpiCounters.AddTo(row.Counters, counters);
            }
        }

        if (unfolded.Count > 0)
        {
            rows.AddRange(unfolded.Select(u => new KpiBucketRow(u.Key.Id, u.Key.Bucket, u.Value)));
            rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id) is var order and not 0 ? order : a.BucketStart.CompareTo(b.BucketStart));
        }
    }

    public static long[] CountersOf(Dictionary<(string Id, long Bucket), long[]> unfolded, string id, long bucket) =>
        unfolded.TryGetValue((id, bucket), out var counters) ? counters : unfolded[(id, bucket)] = KpiCounters.New();

    private static long Ceiling(KpiGranularity granularity, long seconds) =>
        granularity.BucketStart(seconds) == seconds ? seconds : granularity.BucketStart(seconds) + granularity.Seconds();
}
