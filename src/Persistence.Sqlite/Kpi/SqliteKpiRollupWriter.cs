using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Adds aggregator contributions to their rollup rows inside the commit transaction. Contributions are
/// deltas: exactly-once because they commit atomically with the grain's state (ETag-checked) and offsets,
/// so a batch either lands once or not at all and is then replayed. Merged first: one upsert per row.
/// </summary>
public sealed class SqliteKpiRollupWriter(KpiChangeTracker changes) : ISqliteRowWriter
{
    private static readonly string Upsert = $"""
        INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, {KpiRollupSchema.CounterColumns})
        VALUES ($g, $d, $i, $b, $s, {string.Join(", ", KpiCounters.Columns.Select((_, i) => $"$c{i}"))})
        ON CONFLICT (granularity, dimension, dimension_id, bucket_start, source) DO UPDATE SET
        {string.Join(", ", KpiCounters.Columns.Select(c => $"{c} = {c} + excluded.{c}"))}
        """;

    public Type RowType => typeof(KpiContribution);

    public IReadOnlyList<(string Name, string Sql)> Migrations => KpiRollupSchema.Migrations;

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        var merged = KpiRollupMerge.Merge(rows.Cast<KpiContribution>());
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        var (g, d, i, b, s) = (command.Parameters.Add("$g", SqliteType.Integer), command.Parameters.Add("$d", SqliteType.Text),
            command.Parameters.Add("$i", SqliteType.Text), command.Parameters.Add("$b", SqliteType.Integer), command.Parameters.Add("$s", SqliteType.Text));
        var counters = new SqliteParameter[KpiCounters.Count];
        for (var c = 0; c < counters.Length; c++)
        {
            counters[c] = command.Parameters.Add($"$c{c}", SqliteType.Integer);
        }

        command.Prepare();
        foreach (var (key, delta) in merged)
        {
            (g.Value, d.Value, i.Value, b.Value, s.Value) = ((long)key.Granularity, key.Dimension, key.Id, key.BucketStart, key.Source);
            for (var c = 0; c < counters.Length; c++)
            {
                counters[c].Value = delta[c];
            }

            command.ExecuteNonQuery();
        }

        changes.Record(merged.Keys);
    }
}
