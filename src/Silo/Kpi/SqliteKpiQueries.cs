using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using AdOrleans.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Silo.Kpi;

/// <summary>KPI rollup queries over the embedded store's read connections (WAL: never block the writer).</summary>
public sealed class SqliteKpiQueries(SqliteGrainStateStore store) : IKpiQueries
{
    private static readonly string Sums = KpiRollupSchema.SumColumns;

    public async Task<IReadOnlyList<KpiBucketRow>> SeriesAsync(string dimension, string? id, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT dimension_id, bucket_start, {Sums} FROM kpi_rollups
            WHERE granularity = $g AND dimension = $d {(id is null ? "" : "AND dimension_id = $i")} AND bucket_start >= $f AND bucket_start < $t
            GROUP BY dimension_id, bucket_start ORDER BY dimension_id, bucket_start
            """;
        Bind(command, granularity, dimension, id, from, to);
        var rows = new List<KpiBucketRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KpiBucketRow(reader.GetString(0), reader.GetInt64(1), KpiRollupSchema.ReadCounters(reader, 2)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<KpiIdTotals>> TotalsByIdAsync(string dimension, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT dimension_id, {Sums} FROM kpi_rollups
            WHERE granularity = $g AND dimension = $d AND bucket_start >= $f AND bucket_start < $t
            GROUP BY dimension_id ORDER BY dimension_id
            """;
        Bind(command, granularity, dimension, null, from, to);
        var rows = new List<KpiIdTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KpiIdTotals(reader.GetString(0), KpiRollupSchema.ReadCounters(reader, 1)));
        }

        return rows;
    }

    /// <summary>Whole days from day rows, then the rest of the last day from minute rows.</summary>
    public async Task<long[]> LifetimeAsync(string dimension, string? id, long to, CancellationToken cancellationToken)
    {
        var dayStart = KpiGranularity.Day.BucketStart(to);
        var idFilter = id is null ? "" : "AND dimension_id = $i";
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Sums} FROM kpi_rollups
            WHERE (granularity = {(long)KpiGranularity.Day} AND dimension = $d {idFilter} AND bucket_start < $day)
               OR (granularity = {(long)KpiGranularity.Minute} AND dimension = $d {idFilter} AND bucket_start >= $day AND bucket_start < $t)
            """;
        command.Parameters.AddWithValue("$d", dimension);
        command.Parameters.AddWithValue("$day", dayStart);
        command.Parameters.AddWithValue("$t", to);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$i", id);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? KpiRollupSchema.ReadCounters(reader, 0) : KpiCounters.New();
    }

    public async Task<bool> ExistsAsync(string dimension, string id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM kpi_rollups WHERE granularity = {(long)KpiGranularity.Day} AND dimension = $d AND dimension_id = $i)";
        command.Parameters.AddWithValue("$d", dimension);
        command.Parameters.AddWithValue("$i", id);
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    public async Task<IReadOnlyList<(KpiBucketKey Key, long[] Counters)>> BucketsAsync(IReadOnlyCollection<KpiBucketKey> keys, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Sums} FROM kpi_rollups WHERE granularity = $g AND dimension = $d AND dimension_id = $i AND bucket_start = $f";
        var (g, d, i, f) = (command.Parameters.Add("$g", SqliteType.Integer), command.Parameters.Add("$d", SqliteType.Text),
            command.Parameters.Add("$i", SqliteType.Text), command.Parameters.Add("$f", SqliteType.Integer));
        var result = new List<(KpiBucketKey, long[])>(keys.Count);
        foreach (var key in keys.OrderBy(k => k.BucketStart).ThenBy(k => k.Granularity).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            (g.Value, d.Value, i.Value, f.Value) = ((long)key.Granularity, key.Dimension, key.Id, key.BucketStart);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                result.Add((key, KpiRollupSchema.ReadCounters(reader, 0)));
            }
        }

        return result;
    }

    private static void Bind(SqliteCommand command, KpiGranularity granularity, string dimension, string? id, long from, long to)
    {
        command.Parameters.AddWithValue("$g", (long)granularity);
        command.Parameters.AddWithValue("$d", dimension);
        command.Parameters.AddWithValue("$f", from);
        command.Parameters.AddWithValue("$t", to);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$i", id);
        }
    }
}
