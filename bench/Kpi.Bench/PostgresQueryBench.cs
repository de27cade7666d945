using System.Diagnostics;
using AdOrleans.Bench;
using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Postgres.Kpi;
using AdOrleans.Persistence.Postgres;
using Npgsql;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// The same question on PostgreSQL, side by side in one database: the service's rollup query
/// (<see cref="PostgresKpiQueries"/>, day-partitioned table, 100 campaigns by default) and GROUP BY over a raw events table
/// holding the campaign's N events, indexed on (campaign_id, occurred_at), as a user without this system would.
/// </summary>
internal static class PostgresQueryBench
{
    private const int Days = 30;

    public static async Task RunAsync(string admin, long events, int samples, int campaigns, CancellationToken cancellationToken)
    {
        var name = "adorleans_kpibench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(admin, $"CREATE DATABASE {name}", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var store = new PostgresGrainStateStore(dataSource, [new PostgresKpiRollupWriter(new KpiChangeTracker())]);
            await store.MigrateAsync(cancellationToken);
            var start = KpiGranularity.Day.BucketStart(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - Days * 86400L;
            var end = start + Days * 86400L;
            var clock = Stopwatch.StartNew();
            await ExecuteAsync(connectionString, $"""
                SELECT ensure_day_partitions('kpi_rollups', 'bucket_start', {start}, {end - 86400});
                INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, impressions, clicks, conversions, spend_micros, revenue_micros)
                SELECT g.granularity, 'campaign', 'c-' || c, b, 'c-' || c, 700, 7, 1, 1400000, 5000000
                FROM generate_series(0, {campaigns - 1}) c,
                     (VALUES ({(int)KpiGranularity.Minute}, 60), ({(int)KpiGranularity.Hour}, 3600), ({(int)KpiGranularity.Day}, 86400)) g(granularity, seconds),
                     LATERAL generate_series({start}::bigint, {end - 1}::bigint, g.seconds) b;
                ANALYZE kpi_rollups;
                """, cancellationToken);
            Console.WriteLine($"postgres: rollup rows generated in {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            await ExecuteAsync(connectionString, $"""
                CREATE TABLE raw_events (campaign_id text NOT NULL, occurred_at bigint NOT NULL, type smallint NOT NULL, charge_micros bigint NOT NULL, value_micros bigint NOT NULL);
                INSERT INTO raw_events
                SELECT 'c-0', {start} + i * {Days * 86400L} / {events}, k, CASE WHEN k = 0 THEN 2000 ELSE 0 END, CASE WHEN k = 2 THEN 5000000 ELSE 0 END
                FROM generate_series(0::bigint, {events - 1}) i, LATERAL (SELECT CASE WHEN i % 100 = 0 THEN 1 WHEN i % 1000 = 1 THEN 2 ELSE 0 END AS k) kind;
                CREATE INDEX raw_events_campaign_time ON raw_events (campaign_id, occurred_at);
                """, cancellationToken);
            await ExecuteAsync(connectionString, "VACUUM ANALYZE raw_events", cancellationToken);
            Console.WriteLine($"postgres: {events:N0} raw events inserted, indexed and analysed in {clock.Elapsed.TotalSeconds:F1} s");

            var queries = new PostgresKpiQueries(store);
            var rollup = await TimeAsync(samples, 20, async () =>
            {
                var rows = await queries.SeriesAsync(KpiDimensions.Campaign, "c-0", KpiGranularity.Hour, start, end, cancellationToken);
                return rows.Count == Days * 24 ? null : $"Expected {Days * 24} hourly points, got {rows.Count}.";
            });
            Console.WriteLine($"postgres rollup query (30 d, hour): {Percentiles.Describe(rollup)}");

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var raw = await TimeAsync(5, 1, async () =>
            {
                await using var command = new NpgsqlCommand($"""
                    SELECT occurred_at / 3600 * 3600 AS hour, count(*) FILTER (WHERE type = 0), count(*) FILTER (WHERE type = 1), count(*) FILTER (WHERE type = 2),
                           sum(charge_micros), sum(value_micros)
                    FROM raw_events WHERE campaign_id = 'c-0' AND occurred_at >= {start} AND occurred_at < {end} GROUP BY hour ORDER BY hour
                    """, connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var count = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    count++;
                }

                return count == Days * 24 ? null : $"Expected {Days * 24} hours from GROUP BY, got {count}.";
            });
            Console.WriteLine($"postgres raw GROUP BY over {events:N0} events: {Percentiles.Describe(raw)}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None); // also when stopped
        }
    }

    /// <summary>Runs <paramref name="query"/> warm-up + samples times; it answers an error message or null.</summary>
    private static async Task<List<double>> TimeAsync(int samples, int warmUp, Func<Task<string?>> query)
    {
        var times = new List<double>(samples);
        for (var i = 0; i < samples + warmUp; i++)
        {
            var t = Stopwatch.GetTimestamp();
            if (await query() is { } error)
            {
                throw new BenchmarkFailedException(error);
            }

            if (i >= warmUp)
            {
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }

        return times;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
