using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Adds the aggregators' rollup deltas to their rows inside the commit transaction. They are
/// deltas: exactly-once because they commit atomically with the grain's state (ETag-checked) and offsets,
/// so a batch either lands once or not at all and is then replayed. Merged first: one upsert per row, bound
/// through SQLite's own API (<see cref="SqliteStatement"/>).
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
        var merged = KpiRollupMerge.Merge(rows.Cast<KpiRollupDelta>());
        using var upsert = new SqliteStatement(connection, Upsert);
        foreach (var (key, delta) in merged)
        {
            upsert.Bind(1, (long)key.Granularity).Bind(2, key.Dimension).Bind(3, key.Id).Bind(4, key.BucketStart).Bind(5, key.Source);
            for (var c = 0; c < delta.Length; c++)
            {
                upsert.Bind(6 + c, delta[c]);
            }

            upsert.Execute();
        }

        changes.Record(merged.Keys);
    }
}
