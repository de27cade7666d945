using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>KPI rollup queries over the embedded store's read connections (WAL: never block the writer).</summary>
public sealed class SqliteKpiQueries(SqliteGrainStateStore store) : IKpiQueries
{
    private static readonly string Sums = KpiRollupSchema.SumColumns;

    private static readonly string Columns = KpiRollupSchema.CounterColumns;

    /// <summary>
    /// Rows come in primary-key order and are summed over sources here: SQLite's GROUP BY with twenty
    /// SUM aggregates cost five times the range scan itself (measured in bench/Kpi.Bench).
    /// </summary>
    public async Task<IReadOnlyList<KpiBucketRow>> SeriesAsync(string dimension, string? id, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var statement = Range(connection, $"dimension_id, bucket_start, {Columns}", "ORDER BY dimension_id, bucket_start", dimension, id, granularity, from, to);
        var rows = new List<KpiBucketRow>();
        while (statement.Step())
        {
            statement.AddInt64s(2, rows.CountersOf(id ?? statement.Text(0), statement.Int64(1)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<KpiIdTotals>> TotalsByIdAsync(string dimension, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var statement = Range(connection, $"dimension_id, {Columns}", "ORDER BY dimension_id", dimension, null, granularity, from, to);
        var rows = new List<KpiIdTotals>();
        while (statement.Step())
        {
            statement.AddInt64s(1, rows.CountersOf(statement.Text(0)));
        }

        return rows;
    }

    /// <summary>Whole days from day rows, whole hours of the last day from hour rows, the rest from minute rows.</summary>
    public async Task<long[]> LifetimeAsync(string dimension, string? id, long to, CancellationToken cancellationToken)
    {
        var idFilter = id is null ? "" : "AND dimension_id = $i";
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var statement = new SqliteStatement(connection, $"""
            SELECT {Sums} FROM kpi_rollups
            WHERE (granularity = {(long)KpiGranularity.Day} AND dimension = $d {idFilter} AND bucket_start < $day)
               OR (granularity = {(long)KpiGranularity.Hour} AND dimension = $d {idFilter} AND bucket_start >= $day AND bucket_start < $hour)
               OR (granularity = {(long)KpiGranularity.Minute} AND dimension = $d {idFilter} AND bucket_start >= $hour AND bucket_start < $t)
            """);
        statement.Bind("$d", dimension).Bind("$day", KpiGranularity.Day.BucketStart(to)).Bind("$hour", KpiGranularity.Hour.BucketStart(to)).Bind("$t", to);
        if (id is not null)
        {
            statement.Bind("$i", id);
        }

        var counters = KpiCounters.New();
        if (statement.Step())
        {
            statement.AddInt64s(0, counters);
        }

        return counters;
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

    private static SqliteStatement Range(SqliteConnection connection, string columns, string orderBy, string dimension, string? id, KpiGranularity granularity, long from, long to)
    {
        var statement = new SqliteStatement(connection, $"""
            SELECT {columns} FROM kpi_rollups
            WHERE granularity = $g AND dimension = $d {(id is null ? "" : "AND dimension_id = $i")} AND bucket_start >= $f AND bucket_start < $t
            {orderBy}
            """);
        statement.Bind("$g", (long)granularity).Bind("$d", dimension).Bind("$f", from).Bind("$t", to);
        if (id is not null)
        {
            statement.Bind("$i", id);
        }

        return statement;
    }
}
