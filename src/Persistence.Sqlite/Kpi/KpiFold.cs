using AdOrleans.Grains.Kpi;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Folds closed minute rows into their hour and day rows, a bounded chunk per commit, in the commit's transaction.
/// The aggregators write minute rows only, so a key's events cost one row per commit instead of three; its hour and
/// day rows are written once per minute it had events in, here, once that minute is <see cref="Delay"/> old.
/// </summary>
internal static class KpiFold
{
    /// <summary>How long after its end a minute is folded: events for it that arrive later take the late path (all three rows).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(2);

    /// <summary>Minute rows folded per commit at most: bounds what a fold adds to one commit's time (~20 ms here).</summary>
    public const int RowsPerCommit = 2048;

    /// <summary>The row value alone seeks the index to the cursor (a separate bucket bound made SQLite seek to the minute's start only).</summary>
    private static readonly string Chunk = $"""
        SELECT bucket_start, dimension, dimension_id, source, {KpiRollupSchema.CounterColumns}
        FROM kpi_rollups INDEXED BY kpi_rollups_minutes
        WHERE granularity = {(long)KpiGranularity.Minute}
          AND (bucket_start, dimension, dimension_id, source) > ($b, $d, $i, $s) AND bucket_start < $below
        ORDER BY bucket_start, dimension, dimension_id, source
        LIMIT $n
        """;

    public static KpiFoldCursor ReadCursor(SqliteConnection connection)
    {
        using var statement = new SqliteStatement(connection, "SELECT bucket_start, dimension, dimension_id, source FROM kpi_fold");
        return statement.Step() ? KpiFoldCursor.Read(statement) : throw new InvalidOperationException("kpi_fold has no row: the kpi-0003-fold migration did not run.");
    }

    /// <summary>The minute below which rows may be folded at <paramref name="now"/>.</summary>
    public static long Horizon(DateTimeOffset now) => KpiGranularity.Minute.BucketStart((now - Delay).ToUnixTimeSeconds());

    /// <summary>Folds the next chunk of minute rows below <paramref name="below"/> after <paramref name="cursor"/>; returns the new cursor.</summary>
    public static KpiFoldCursor Step(SqliteConnection connection, KpiRollupUpserts upserts, KpiFoldCursor cursor, long below, int maxRows)
    {
        var sums = new Dictionary<KpiRollupKey, long[]>();
        var (rows, last) = (0, cursor);
        using (var chunk = new SqliteStatement(connection, Chunk))
        {
            chunk.Bind("$b", cursor.BucketStart).Bind("$below", below).Bind("$d", cursor.Dimension).Bind("$i", cursor.Id).Bind("$s", cursor.Source).Bind("$n", maxRows);
            while (chunk.Step())
            {
                last = KpiFoldCursor.Read(chunk);
                var minute = new KpiRollupKey(last.Source, last.Dimension, last.Id, KpiGranularity.Minute, last.BucketStart);
                chunk.AddInt64s(4, Sum(sums, minute.In(KpiGranularity.Hour)));
                chunk.AddInt64s(4, Sum(sums, minute.In(KpiGranularity.Day)));
                rows++;
            }
        }

        foreach (var (key, counters) in sums)
        {
            upserts.Add(key, counters);
        }

        var next = rows < maxRows ? KpiFoldCursor.Before(below) : last;
        using var move = new SqliteStatement(connection, "UPDATE kpi_fold SET bucket_start = $b, dimension = $d, dimension_id = $i, source = $s");
        move.Bind("$b", next.BucketStart).Bind("$d", next.Dimension).Bind("$i", next.Id).Bind("$s", next.Source).Execute();
        return next;
    }

    private static long[] Sum(Dictionary<KpiRollupKey, long[]> sums, KpiRollupKey key) =>
        sums.TryGetValue(key, out var counters) ? counters : sums[key] = KpiCounters.New();
}
