using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Adds the aggregators' rollup deltas to their rows inside the commit transaction. They are
/// deltas: exactly-once because they commit atomically with the grain's state (ETag-checked) and offsets,
/// so a batch either lands once or not at all and is then replayed. One upsert per delta, bound through SQLite's own
/// API (<see cref="SqliteStatement"/>). Not merged across a commit's deliveries: each aggregator already merged its
/// delivery per row, and deliveries of different partitions share only their channel rows, so merging them again in
/// a dictionary (13 % of the committer's time with uniform keys) cost more than the few upserts it saved.
/// </summary>
public sealed class SqliteKpiRollupWriter(KpiChangeTracker changes) : ISqliteRowWriter
{
    private const int KeyParameters = 5;

    public Type RowType => typeof(KpiRollupDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations => KpiRollupSchema.Migrations;

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        // An event sets two or three of the 24 counters: each upsert binds and adds only the counters its delta sets,
        // through one statement per set of counters (a commit's rows use a handful of sets).
        var upserts = new Dictionary<long, SqliteStatement>();
        try
        {
            foreach (KpiRollupDelta row in rows)
            {
                var (key, delta) = (row.Key, row.Delta);
                var counters = SetCounters(delta);
                if (!upserts.TryGetValue(counters, out var upsert))
                {
                    upserts[counters] = upsert = new SqliteStatement(connection, UpsertSql(counters));
                }

                upsert.Bind(1, (long)key.Granularity).Bind(2, key.Dimension).Bind(3, key.Id).Bind(4, key.BucketStart).Bind(5, key.Source);
                var parameter = KeyParameters;
                for (var c = 0; c < delta.Length; c++)
                {
                    if (delta[c] != 0)
                    {
                        upsert.Bind(++parameter, delta[c]);
                    }
                }

                upsert.Execute();
            }
        }
        finally
        {
            foreach (var upsert in upserts.Values)
            {
                upsert.Dispose();
            }
        }

        changes.Record(rows.Select(row => ((KpiRollupDelta)row).Key));
    }

    /// <summary>Bit c is set when counter c is not zero (24 counters today; a long has room for 64).</summary>
    private static long SetCounters(long[] delta)
    {
        var counters = 0L;
        for (var c = 0; c < delta.Length; c++)
        {
            if (delta[c] != 0)
            {
                counters |= 1L << c;
            }
        }

        return counters;
    }

    /// <summary>
    /// Inserts the row with the set counters (the others default to 0), or adds them to the row there. A delta that
    /// sets none still creates its row, as adding zeros would.
    /// </summary>
    private static string UpsertSql(long counters)
    {
        var columns = KpiCounters.Columns.Where((_, c) => (counters & (1L << c)) != 0).ToList();
        var insertColumns = string.Concat(columns.Select(c => $", {c}"));
        var values = string.Join(", ", Enumerable.Range(1, KeyParameters + columns.Count).Select(i => $"?{i}"));
        var onConflict = columns.Count == 0 ? "DO NOTHING" : $"DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = {c} + excluded.{c}"))}";
        return $"""
            INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source{insertColumns})
            VALUES ({values})
            ON CONFLICT (granularity, dimension, dimension_id, bucket_start, source) {onConflict}
            """;
    }
}
