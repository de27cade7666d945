using System.Text.Json;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// A fresh PostgreSQL database for one part of a run, dropped afterwards (also when the run is stopped), and what
/// the benchmark reads from it: how far the silos committed, and the exact check of every committed total.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly NpgsqlDataSource _reads;

    private BenchDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        _reads = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string admin, CancellationToken cancellationToken)
    {
        var name = "adorleans_dbench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE {name}", cancellationToken);
        return new BenchDatabase(admin, name);
    }

    /// <summary>
    /// Per partition of the events topic, the offset after the last record counted in committed state: each partition's
    /// aggregator stores the offset it applied in the same transaction as the totals, KPI rollups and per-key rows it
    /// changed, so an event below it is visible everywhere. 0 for a partition with nothing committed yet.
    /// </summary>
    public async Task<long[]> VisibleAsync(int partitions, CancellationToken cancellationToken)
    {
        var result = new long[partitions];
        await using var command = _reads.CreateCommand("SELECT grain_key, data FROM grain_state WHERE grain_type = 'event-aggregates'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            using var state = JsonDocument.Parse(reader.GetFieldValue<byte[]>(1));
            if (state.RootElement.TryGetProperty("applied", out var applied) && applied.TryGetProperty(key, out var offset))
            {
                result[int.Parse(key.AsSpan(key.IndexOf('/') + 1), CultureInfo.InvariantCulture)] = offset.GetInt64() + 1;
            }
        }

        return result;
    }

    /// <summary>The stored checkpoints of the events queues (the pulling agents write them at most every 200 ms).</summary>
    public async Task<long[]> CheckpointsAsync(int partitions, CancellationToken cancellationToken)
    {
        var result = new long[partitions];
        await using var command = _reads.CreateCommand("SELECT partition, next_offset FROM partition_offsets WHERE consumer_group = 'silos' AND topic = 'events'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return result;
    }

    /// <summary>
    /// Fails the benchmark loudly unless every campaign's committed event total equals what was appended for it, the
    /// committed daily KPI rollups count exactly the pageviews appended, and nothing was dead-lettered.
    /// </summary>
    public async Task VerifyAsync(Ledger ledger, int partitions, CancellationToken cancellationToken)
    {
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = _reads.CreateCommand("SELECT sub_key, data FROM grain_substate WHERE grain_type = 'event-aggregates'"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                using var json = JsonDocument.Parse(reader.GetFieldValue<byte[]>(1));
                counted[reader.GetString(0)] = counted.GetValueOrDefault(reader.GetString(0)) + json.RootElement.GetProperty("events").GetInt64();
            }
        }

        var pageviews = await ScalarAsync("SELECT COALESCE(SUM(pageviews), 0)::bigint FROM kpi_rollups WHERE granularity = 86400 AND dimension = 'campaign'", cancellationToken);
        var dead = await ScalarAsync("SELECT count(*) FROM stream_dead_letters", cancellationToken);
        var wrong = ledger.PerKey.Select((expected, k) => (Key: $"c-{k}", Expected: expected, Counted: counted.GetValueOrDefault($"c-{k}")))
            .Where(k => k.Expected != k.Counted).ToList();
        var problems = new List<string>();
        if (wrong.Count > 0 || counted.Values.Sum() != ledger.Total)
        {
            // Per partition too: a loss confined to some partitions points at their reader rather than at the store.
            var byPartition = wrong.GroupBy(k => KeyPartitioner.Partition(k.Key, partitions)).OrderBy(g => g.Key)
                .Select(g => $"{g.Key}:{g.Sum(k => k.Counted - k.Expected):+0;-0}");
            problems.Add(
                $"committed totals count {counted.Values.Sum():N0} events, {ledger.Total:N0} were appended; {wrong.Count} campaigns differ, e.g. " +
                string.Join(", ", wrong.Take(5).Select(k => $"{k.Key}: {k.Counted} of {k.Expected}")) +
                $"; difference per partition {string.Join(" ", byPartition)}");
        }

        if (pageviews != ledger.Total)
        {
            problems.Add($"committed KPI rollups count {pageviews:N0} pageviews, {ledger.Total:N0} were appended");
        }

        if (dead != 0)
        {
            problems.Add($"{dead} dead letters");
        }

        if (problems.Count > 0)
        {
            throw new BenchmarkFailedException(string.Join("; ", problems) + ".");
        }
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _reads.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        try
        {
            // Not the run's token: a stopped run still drops its database. FORCE: the silos' pools may still hold connections.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            Console.Error.WriteLine($"# (cleanup: could not drop database {Name}: {e.Message})");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
