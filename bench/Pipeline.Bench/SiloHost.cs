using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Streaming.Files;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Pipeline.Bench;

/// <summary>
/// One embedded silo over one data directory, built with the service's own wiring (src/Silo/Program.cs with
/// Roles=silo): the SQLite store, KPI and ad-serving row writers, and <c>AddSilo</c> (Orleans, localhost clustering,
/// group-commit grain storage, the log as persistent streams). The file log is created by the benchmark so that
/// events can be appended (durably) before the silo starts.
/// </summary>
internal sealed class SiloHost : IAsyncDisposable
{
    /// <summary>The embedded default (4 since session 26; 16 before); PIPELINE_BENCH_PARTITIONS sets another.</summary>
    public static readonly int Partitions =
        int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_BENCH_PARTITIONS"), out var p) && p > 0 ? p : LogOptions.EmbeddedPartitions;

    private readonly IHost _host;
    private bool _started;

    public SiloHost(string dir)
    {
        Log = new FileLog(new FileLogOptions
        {
            Directory = Path.Combine(dir, "log"),
            Topics = Topics.All.ToDictionary(t => t, _ => Partitions),
        }, Microsoft.Extensions.Logging.Abstractions.NullLogger<FileLog>.Instance);

        // Content root away from the data directory: the configuration file watcher would otherwise see every log and store write.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles"] = "silo",
            ["DataDirectory"] = dir,
            ["Log:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var service = AdOrleans.Silo.Hosting.ServiceOptions.From(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, BenchLifetime>(); // signals are handled by Program, not per host
        builder.Services.TryAddTimeProvider();
        builder.Services.AddSingleton<IPartitionedLog>(Log);
        builder.AddStateStore(service);
        builder.AddKpi(service);
        builder.AddAdServing(service);
        builder.AddSilo();
        builder.AddClusterHistory(); // the alert health sampler reads the cluster status, as in the service
        _host = builder.Build();
        StatePath = Path.Combine(dir, "state.db");
    }

    public FileLog Log { get; }

    public IServiceProvider Services => _host.Services;

    public string StatePath { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        await _host.StartAsync(cancellationToken);
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        using var stop = new CancellationTokenSource(timeout);
        await _host.StopAsync(stop.Token);
    }

    /// <summary>Sum of the stored checkpoints of the events topic's queues (consumer group 'silos'); 0 before the first.</summary>
    public async Task<long> CheckpointedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Services.GetRequiredService<SqliteGrainStateStore>().OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(next_offset), 0) FROM partition_offsets WHERE consumer_group = 'silos' AND topic = $t";
        command.Parameters.AddWithValue("$t", Topics.Events);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Sum of the committed per-key event totals (the <c>events</c> of the partition aggregators' key rows).</summary>
    public async Task<long> CommittedTotalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Services.GetRequiredService<SqliteGrainStateStore>().OpenReadConnectionAsync(cancellationToken);
        return await CommittedTotalsAsync(connection, cancellationToken);
    }

    public static async Task<long> CommittedTotalsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(json_extract(CAST(data AS TEXT), '$.events')), 0) FROM grain_substate WHERE grain_type = 'event-aggregates'";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await IgnoreFailure(StopAsync(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(10));
        }

        _host.Dispose();
        await IgnoreFailure(Log.DisposeAsync().AsTask(), TimeSpan.FromSeconds(10));
    }

    public static async Task IgnoreFailure(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"# (cleanup: {e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>No console lifetime per host: signals are handled once, by Program, for the whole benchmark.</summary>
    private sealed class BenchLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal static class TimeProviderRegistration
{
    public static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
