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
    private static readonly string Upsert = $"""
        INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, {KpiRollupSchema.CounterColumns})
        VALUES ({string.Join(", ", Enumerable.Range(1, 5 + KpiCounters.Count).Select(i => $"?{i}"))})
        ON CONFLICT (granularity, dimension, dimension_id, bucket_start, source) DO UPDATE SET
        {string.Join(", ", KpiCounters.Columns.Select(c => $"{c} = {c} + excluded.{c}"))}
        """;

    public Type RowType => typeof(KpiRollupDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations => KpiRollupSchema.Migrations;

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var upsert = new SqliteStatement(connection, Upsert);
        foreach (KpiRollupDelta row in rows)
        {
            var (key, delta) = (row.Key, row.Delta);
            upsert.Bind(1, (long)key.Granularity).Bind(2, key.Dimension).Bind(3, key.Id).Bind(4, key.BucketStart).Bind(5, key.Source);
            for (var c = 0; c < delta.Length; c++)
            {
                upsert.Bind(6 + c, delta[c]);
            }

            upsert.Execute();
        }

        changes.Record(rows.Select(row => ((KpiRollupDelta)row).Key));
    }
}
