using System.Diagnostics;
using AdOrleans.Grains;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Distributed.Bench;

/// <summary>A fresh database for one run; also the baseline "without this system": COPY raw events, KPIs by GROUP BY.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private BenchDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string admin)
    {
        var name = "adorleans_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new BenchDatabase(admin, name);
    }

    public async Task<TimeSpan> CopyEventsAsync(IEnumerable<TrackedEvent> events)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE raw_events (event_id text, type text, campaign_id text, channel text, user_id text, value_micros bigint, occurred_at timestamptz)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY raw_events FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in events)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.EventId, NpgsqlDbType.Text);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Text);
                await copy.WriteAsync(e.CampaignId!, NpgsqlDbType.Text);
                await copy.WriteAsync(e.Channel, NpgsqlDbType.Text);
                await copy.WriteAsync(e.UserId!, NpgsqlDbType.Text);
                await copy.WriteAsync(e.ValueMicros, NpgsqlDbType.Bigint);
                await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        return clock.Elapsed;
    }

    /// <summary>Median wall time of a query over several runs, in milliseconds.</summary>
    public async Task<double> TimeAsync(int runs, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
