using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// KPI rollup queries over the embedded store's read connections (WAL: never block the writer). Hour and day answers
/// are their stored rows plus the minute rows the fold has not reached yet (<see cref="KpiUnfoldedMinutes"/>), read
/// in one transaction so both parts come from the same snapshot.
/// </summary>
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
        using var snapshot = connection.BeginTransaction(deferred: true);
        var rows = new List<KpiBucketRow>();
        using (var statement = Range(connection, $"dimension_id, bucket_start, {Columns}", "ORDER BY dimension_id, bucket_start", dimension, id, granularity, from, to))
        {
            while (statement.Step())
            {
                statement.AddInt64s(2, rows.CountersOf(id ?? statement.Text(0), statement.Int64(1)));
            }
        }

        var unfolded = new Dictionary<(string Id, long Bucket), long[]>();
        using (var statement = Unfolded(connection, $"dimension_id, bucket_start, {Columns}", dimension, id, granularity, from, to))
        {
            while (statement?.Step() == true)
            {
                statement.AddInt64s(2, KpiUnfoldedMinutes.CountersOf(unfolded, id ?? statement.Text(0), granularity.BucketStart(statement.Int64(1))));
            }
        }

        KpiUnfoldedMinutes.MergeInto(rows, unfolded);
        return rows;
    }

    public async Task<IReadOnlyList<KpiIdTotals>> TotalsByIdAsync(string dimension, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken)
    {
        var series = new List<KpiBucketRow>();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var snapshot = connection.BeginTransaction(deferred: true);
        using (var statement = Range(connection, $"dimension_id, {Columns}", "ORDER BY dimension_id", dimension, null, granularity, from, to))
        {
            while (statement.Step())
            {
                statement.AddInt64s(1, series.CountersOf(statement.Text(0), 0));
            }
        }

        var unfolded = new Dictionary<(string Id, long Bucket), long[]>();
        using (var statement = Unfolded(connection, $"dimension_id, {Columns}", dimension, null, granularity, from, to))
        {
            while (statement?.Step() == true)
            {
                statement.AddInt64s(1, KpiUnfoldedMinutes.CountersOf(unfolded, statement.Text(0), 0));
            }
        }

        KpiUnfoldedMinutes.MergeInto(series, unfolded);
        return [.. series.Select(row => new KpiIdTotals(row.Id, row.Counters))];
    }

    /// <summary>
    /// Whole days from day rows, whole hours of the last day from hour rows, the rest from minute rows; and the
    /// minutes before that the fold has not reached, which neither day nor hour rows hold yet.
    /// </summary>
    public async Task<long[]> LifetimeAsync(string dimension, string? id, long to, CancellationToken cancellationToken)
    {
        var idFilter = id is null ? "" : "AND dimension_id = $i";
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var statement = new SqliteStatement(connection, $"""
            SELECT {Sums} FROM (
                SELECT {Columns} FROM kpi_rollups
                WHERE (granularity = {(long)KpiGranularity.Day} AND dimension = $d {idFilter} AND bucket_start < $day)
                   OR (granularity = {(long)KpiGranularity.Hour} AND dimension = $d {idFilter} AND bucket_start >= $day AND bucket_start < $hour)
                   OR (granularity = {(long)KpiGranularity.Minute} AND dimension = $d {idFilter} AND bucket_start >= $hour AND bucket_start < $t)
                UNION ALL
                {KpiUnfoldedMinutes.Select(Columns, id is not null)})
            """);
        var hour = KpiGranularity.Hour.BucketStart(to);
        statement.Bind("$d", dimension).Bind("$day", KpiGranularity.Day.BucketStart(to)).Bind("$hour", hour).Bind("$t", to)
            .Bind("$mf", long.MinValue).Bind("$mt", hour);
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

    /// <summary>Every rollup delta lands in a minute row, so a key that ever had one has minute rows.</summary>
    public async Task<bool> ExistsAsync(string dimension, string id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM kpi_rollups WHERE granularity = {(long)KpiGranularity.Minute} AND dimension = $d AND dimension_id = $i)";
        command.Parameters.AddWithValue("$d", dimension);
        command.Parameters.AddWithValue("$i", id);
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    public async Task<IReadOnlyList<(KpiBucketKey Key, long[] Counters)>> BucketsAsync(IReadOnlyCollection<KpiBucketKey> keys, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        using var statement = new SqliteStatement(connection, $"""
            SELECT {Sums} FROM (
                SELECT {Columns} FROM kpi_rollups WHERE granularity = $g AND dimension = $d AND dimension_id = $i AND bucket_start = $f
                UNION ALL
                {KpiUnfoldedMinutes.Select(Columns, byId: true)} AND $g <> {(long)KpiGranularity.Minute})
            """);
        var result = new List<(KpiBucketKey, long[])>(keys.Count);
        foreach (var key in keys.OrderBy(k => k.BucketStart).ThenBy(k => k.Granularity).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            statement.Bind("$g", (long)key.Granularity).Bind("$d", key.Dimension).Bind("$i", key.Id).Bind("$f", key.BucketStart)
                .Bind("$mf", key.BucketStart).Bind("$mt", key.BucketStart + key.Granularity.Seconds());
            var counters = KpiCounters.New();
            if (statement.Step())
            {
                statement.AddInt64s(0, counters);
            }

            statement.Reset();
            result.Add((key, counters));
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
        return id is null ? statement : statement.Bind("$i", id);
    }

    /// <summary>The unfolded minute rows of an hour or day range; none for minute ranges (minute rows are always complete).</summary>
    private static SqliteStatement? Unfolded(SqliteConnection connection, string columns, string dimension, string? id, KpiGranularity granularity, long from, long to)
    {
        if (granularity == KpiGranularity.Minute)
        {
            return null;
        }

        var (minuteFrom, minuteTo) = KpiUnfoldedMinutes.MinutesOf(granularity, from, to);
        var statement = new SqliteStatement(connection, KpiUnfoldedMinutes.Select(columns, id is not null));
        statement.Bind("$d", dimension).Bind("$mf", minuteFrom).Bind("$mt", minuteTo);
        return id is null ? statement : statement.Bind("$i", id);
    }
}
