using System.Diagnostics;
using AdOrleans.Bench;
using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// One campaign, 30 days at hour granularity, with N events behind it: answered from the rollup table
/// (the service's own query code) and by GROUP BY over a raw events table in the same SQLite file.
/// Rollup rows are generated directly (what the aggregator would have written for those events), next
/// to those of the other campaigns (99 by default) so the table is not trivially small.
/// </summary>
internal static class QueryBench
{
    private const int Days = 30;

    public static async Task RunAsync(long events, int samples, int campaigns, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-bench-{Guid.NewGuid():N}");
        try
        {
            await RunAsync(directory, events, samples, campaigns, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string directory, long events, int samples, int campaigns, CancellationToken cancellationToken)
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "state.db"), [new SqliteKpiRollupWriter(new KpiChangeTracker())]);
        var start = KpiGranularity.Day.BucketStart(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - Days * 86400L;
        var end = start + Days * 86400L;
        var watch = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(store.ConnectionString))
        {
            connection.Open();
            FillRollups(connection, start, campaigns, cancellationToken);
            Console.WriteLine($"rollup rows generated in {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            FillRawEvents(connection, start, events, cancellationToken);
            Console.WriteLine($"{events:N0} raw events inserted and indexed in {watch.Elapsed.TotalSeconds:F1} s");
        }

        var queries = new SqliteKpiQueries(store);
        var rollup = new List<double>();
        for (var i = 0; i < samples + 20; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var rows = await queries.SeriesAsync(KpiDimensions.Campaign, "c-0", KpiGranularity.Hour, start, end, cancellationToken);
            if (i >= 20)
            {
                rollup.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            if (rows.Count != Days * 24)
            {
                throw new BenchmarkFailedException($"rollup query: expected {Days * 24} hourly points, got {rows.Count}.");
            }
        }

        Console.WriteLine($"rollup query (30 d, hour, {events:N0} events behind it): {Percentiles.Describe(rollup)}");
        var raw = new List<double>();
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken))
        {
            for (var i = 0; i < 6; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT occurred_at / 3600 * 3600 AS hour, SUM(type = 0), SUM(type = 1), SUM(type = 2), SUM(charge_micros), SUM(value_micros)
                    FROM raw_events WHERE campaign_id = 'c-0' AND occurred_at >= $f AND occurred_at < $t GROUP BY hour ORDER BY hour
                    """;
                command.Parameters.AddWithValue("$f", start);
                command.Parameters.AddWithValue("$t", end);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var count = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    count++;
                }

                if (count != Days * 24)
                {
                    throw new BenchmarkFailedException($"raw GROUP BY: expected {Days * 24} hours, got {count}.");
                }

                if (i > 0)
                {
                    raw.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"raw GROUP BY over {events:N0} events: {Percentiles.Describe(raw)}");
        store.Dispose(); // closed before the service opens the same file (the using's second Dispose is a no-op)
        SqliteConnection.ClearAllPools();
        await MeasureApiAsync(directory, start, end, samples, cancellationToken);
    }

    /// <summary>The same question as a user asks it: GET over loopback TCP to the embedded service in this process, body read.</summary>
    private static async Task MeasureApiAsync(string directory, long start, long end, int samples, CancellationToken cancellationToken)
    {
        await using var service = new EmbeddedService(directory);
        service.UseKestrel(0);
        service.StartServer();
        var admin = service.CreateClient(EmbeddedService.AdminKey);
        var path = $"/v1/kpi/campaigns/c-0?granularity=hour&from={DateTimeOffset.FromUnixTimeSeconds(start):yyyy-MM-ddTHH:mm:ssZ}&to={DateTimeOffset.FromUnixTimeSeconds(end):yyyy-MM-ddTHH:mm:ssZ}";
        var api = new List<double>();
        for (var i = 0; i < samples + 20; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await admin.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (i >= 20)
            {
                api.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new BenchmarkFailedException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            if (i == 0)
            {
                Console.WriteLine($"GET {path}: {body.Length:N0} bytes");
            }
        }

        Console.WriteLine($"API GET (same question over loopback HTTP, body read): {Percentiles.Describe(api)}");
    }

    private static void FillRollups(SqliteConnection connection, long start, int campaigns, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, impressions, clicks, conversions, spend_micros, revenue_micros) VALUES ($g, 'campaign', $i, $b, $i, 700, 7, 1, 1400000, 5000000)";
        var (g, id, b) = (insert.Parameters.Add("$g", SqliteType.Integer), insert.Parameters.Add("$i", SqliteType.Text), insert.Parameters.Add("$b", SqliteType.Integer));
        for (var c = 0; c < campaigns; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id.Value = $"c-{c}";
            foreach (var granularity in KpiGranularities.All)
            {
                g.Value = (long)granularity;
                for (var bucket = start; bucket < start + Days * 86400L; bucket += granularity.Seconds())
                {
                    b.Value = bucket;
                    insert.ExecuteNonQuery();
                }
            }
        }

        // The rows above hold every granularity already: the fold's position goes past them, as after a fold.
        insert.Parameters.Clear();
        insert.CommandText = $"UPDATE kpi_fold SET bucket_start = {start + (Days * 86400L)}, dimension = '', dimension_id = '', source = ''";
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    private static void FillRawEvents(SqliteConnection connection, long start, long events, CancellationToken cancellationToken)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE raw_events (campaign_id TEXT NOT NULL, occurred_at INTEGER NOT NULL, type INTEGER NOT NULL, charge_micros INTEGER NOT NULL, value_micros INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO raw_events VALUES ('c-0', $t, $k, $c, $v)";
        var (t, k, ch, v) = (insert.Parameters.Add("$t", SqliteType.Integer), insert.Parameters.Add("$k", SqliteType.Integer),
            insert.Parameters.Add("$c", SqliteType.Integer), insert.Parameters.Add("$v", SqliteType.Integer));
        var span = Days * 86400L;
        for (long i = 0; i < events; i++)
        {
            if (i % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var kind = i % 100 == 0 ? 1 : i % 1000 == 1 ? 2 : 0;
            (t.Value, k.Value, ch.Value, v.Value) = (start + i * span / events, kind, kind == 0 ? 2000 : 0, kind == 2 ? 5_000_000 : 0);
            insert.ExecuteNonQuery();
        }

        using var index = connection.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = "CREATE INDEX raw_events_campaign_time ON raw_events (campaign_id, occurred_at)";
        index.ExecuteNonQuery();
        transaction.Commit();
    }
}
