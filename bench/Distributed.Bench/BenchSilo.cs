using System.Diagnostics;
using AdOrleans.Grains;
using AdOrleans.Runtime;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AdOrleans.Distributed.Bench;

/// <summary>A silo in this process (Kafka log, PostgreSQL store, the real grains and partition host) plus a producer and a commit poller.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const int Partitions = 8;
    private const int Batch = 1000;

    private readonly IHost _host;
    private readonly IPartitionedLog _log;
    private readonly NpgsqlDataSource _db;

    private BenchSilo(IHost host, NpgsqlDataSource db)
    {
        _host = host;
        _log = host.Services.GetRequiredService<IPartitionedLog>();
        _db = db;
    }

    /// <summary>With <paramref name="consume"/> false, only the producer side: events pile up in Kafka.</summary>
    public static async Task<BenchSilo> StartAsync(string bootstrap, string connectionString, bool consume = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Log:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Partitions:PollTimeout"] = "00:00:00.010",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.SectionName);
        builder.AddKafkaLog();
        builder.AddPostgresStateStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddKpi(ServiceOptions.From(builder.Configuration));
        builder.Services.AddGrainRuntime();
        builder.Services.AddAdOrleansGrains();
        if (consume)
        {
            builder.Services.AddPartitionHost();
        }

        var host = builder.Build();
        await host.StartAsync();
        while (consume && !host.Services.GetRequiredService<PartitionHost>().IsReady)
        {
            await Task.Delay(50);
        }

        return new BenchSilo(host, NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>Appends in batches of 1000 with up to 8 in flight, as fast as the log acknowledges.</summary>
    public async Task ProduceAsync(IEnumerable<LogMessage> messages, int ratePerSecond)
    {
        using var inFlight = new SemaphoreSlim(8);
        var pending = new List<Task>();
        foreach (var chunk in messages.Chunk(Batch))
        {
            await inFlight.WaitAsync();
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    await _log.AppendAsync(Topics.Events, chunk, CancellationToken.None);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
    }

    public async Task WaitUntilCommittedAsync(long total)
    {
        while ((await CommittedAsync()).Sum() < total)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Paced appends (one batch every 10 ms); for every record, the time from its acknowledgement (the gateway's 202)
    /// to the first poll that sees its partition's committed offset past it (visible in KPIs).
    /// </summary>
    public async Task<List<double>> MeasureLagAsync(IEnumerable<LogMessage> messages, int ratePerSecond, long alreadyCommitted)
    {
        var ends = await CommittedAsync();
        var acked = new Queue<(long End, long At, int Count)>[Partitions];
        for (var p = 0; p < Partitions; p++)
        {
            acked[p] = new();
        }

        var lags = new List<double>();
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (true)
            {
                var committed = await CommittedAsync();
                var now = clock.ElapsedTicks;
                lock (acked)
                {
                    for (var p = 0; p < Partitions; p++)
                    {
                        while (acked[p].Count > 0 && acked[p].Peek().End <= committed[p])
                        {
                            var (_, at, count) = acked[p].Dequeue();
                            lags.AddRange(Enumerable.Repeat((now - at) * 1000.0 / Stopwatch.Frequency, count));
                        }
                    }

                    if (done.IsCancellationRequested && acked.All(q => q.Count == 0))
                    {
                        return;
                    }
                }

                await Task.Delay(10);
            }
        });

        var perBatch = Math.Max(1, ratePerSecond / 100);
        var i = 0;
        foreach (var chunk in messages.Chunk(perBatch))
        {
            var due = TimeSpan.FromMilliseconds(10.0 * i++);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await _log.AppendAsync(Topics.Events, chunk, CancellationToken.None);
            var at = clock.ElapsedTicks;
            lock (acked)
            {
                foreach (var group in chunk.GroupBy(m => KeyPartitioner.Partition(m.Key, Partitions)))
                {
                    ends[group.Key] += group.Count();
                    acked[group.Key].Enqueue((ends[group.Key], at, group.Count()));
                }
            }
        }

        await done.CancelAsync();
        await poller;
        return lags;
    }

    private async Task<long[]> CommittedAsync()
    {
        var result = new long[Partitions];
        await using var command = _db.CreateCommand("SELECT partition, next_offset FROM partition_offsets WHERE topic = 'events'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _db.DisposeAsync();
    }
}
