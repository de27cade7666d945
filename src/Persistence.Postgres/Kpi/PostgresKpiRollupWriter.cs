using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.Kpi;

/// <summary>
/// The PostgreSQL counterpart of <see cref="SqliteKpiRollupWriter"/>: merges a commit's deltas per row (a minute
/// delta into its hour and day rows too: this store writes all three at once, see docs/kpi.md) and
/// adds them to their rows with one set-based delta upsert in the commit's batch. Deltas are exactly-once for the
/// same reason as in SQLite: they commit atomically with the grain's ETag-checked state and the fenced offsets,
/// and a retried commit whose first attempt landed is recognised by its offsets and writes nothing.
/// </summary>
public sealed class PostgresKpiRollupWriter(KpiChangeTracker changes) : IPostgresRowWriter
{
    private static readonly string Upsert = $"""
        INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, {string.Join(", ", KpiCounters.Columns)})
        SELECT * FROM unnest(@g, @d, @i, @b, @s, {string.Join(", ", KpiCounters.Columns.Select((_, c) => $"@c{c}"))})
        ON CONFLICT (granularity, dimension, dimension_id, bucket_start, source) DO UPDATE SET
        {string.Join(", ", KpiCounters.Columns.Select(c => $"{c} = kpi_rollups.{c} + excluded.{c}"))}
        """;

    public Type RowType => typeof(KpiRollupDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations => PostgresKpiRollupSchema.Migrations;

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        var merged = KpiRollupMerge.MergeExpanded(rows.Cast<KpiRollupDelta>());
        // Key order, like the state upsert: two writers of overlapping rows (a fenced former owner) cannot deadlock.
        var keys = merged.Keys
            .OrderBy(k => (int)k.Granularity).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal)
            .ThenBy(k => k.BucketStart).ThenBy(k => k.Source, StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand(Upsert);
        command.Parameters.Add(Array("g", NpgsqlDbType.Integer, keys.Select(k => (int)k.Granularity).ToArray()));
        command.Parameters.Add(Array("d", NpgsqlDbType.Text, keys.Select(k => k.Dimension).ToArray()));
        command.Parameters.Add(Array("i", NpgsqlDbType.Text, keys.Select(k => k.Id).ToArray()));
        command.Parameters.Add(Array("b", NpgsqlDbType.Bigint, keys.Select(k => k.BucketStart).ToArray()));
        command.Parameters.Add(Array("s", NpgsqlDbType.Text, keys.Select(k => k.Source).ToArray()));
        for (var c = 0; c < KpiCounters.Count; c++)
        {
            command.Parameters.Add(Array($"c{c}", NpgsqlDbType.Bigint, keys.Select(k => merged[k][c]).ToArray()));
        }

        batch.BatchCommands.Add(command);
        changes.Record(keys);
    }

    private static NpgsqlParameter<T[]> Array<T>(string name, NpgsqlDbType type, T[] values) =>
        new(name, NpgsqlDbType.Array | type) { TypedValue = values };
}
