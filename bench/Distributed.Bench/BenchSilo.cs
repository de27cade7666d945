using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Operations;
using Microsoft.Extensions.Configuration;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// One silo in this process with the service's own wiring in distributed mode (src/Silo/Program.cs with Roles=silo,
/// <c>Kafka:BootstrapServers</c> and <c>ConnectionStrings:Postgres</c> set): the Kafka log, PostgreSQL group-commit
/// store with the KPI, billing and stream row writers, and <c>AddSilo</c> (PostgreSQL membership, Orleans' ADO.NET
/// storage for per-command grains, the log as persistent streams over the Kafka queue adapter). No HTTP: the
/// benchmark appends to Kafka itself, as a gateway would.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    public BenchSilo(string bootstrapServers, string connectionString, int partitions, string dataDirectory)
    {
        // Content root away from the data directory, so no file watcher sees it; appsettings.json there is the service's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles"] = "silo",
            ["DataDirectory"] = dataDirectory,
            ["Log:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning", // appsettings.json's Information would print every queue's start and stop
        });
        // DISTRIBUTED_BENCH_SILO_SETTINGS="Key:Sub=value;...": configuration on top, to try a setting without a rebuild.
        builder.Configuration.AddInMemoryCollection((Environment.GetEnvironmentVariable("DISTRIBUTED_BENCH_SILO_SETTINGS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], (string?)(kv.Length > 1 ? kv[1] : ""))));
        var service = ServiceOptions.From(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, BenchLifetime>(); // signals are handled by BenchmarkProcess, not per host
        // What AddServiceDefaults contributes to a silo without HTTP: the partition count every topic has.
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventLog(service);
        builder.AddStateStore(service);
        builder.AddKpi(service);
        builder.AddAdServing(service);
        builder.AddSilo();
        builder.AddClusterHistory(); // the alert health sampler reads the cluster status, as in the service
        _host = builder.Build();
    }

    /// <summary>
    /// Starts the host and returns once the silo is ready as <c>/readyz</c> says it: Active in Orleans' membership and
    /// reading every queue of its share (alone: all of them). That is when the baseline's clock started too (its
    /// partition host owned its partitions).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        await _host.StartAsync(cancellationToken);
        var readiness = _host.Services.GetRequiredService<SiloReadiness>();
        var deadline = Stopwatch.StartNew();
        while (!(readiness.Active && readiness.QueuesLoaded))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new BenchmarkFailedException("the silo did not become ready (Active, reading every queue) within 120 s; see the warnings above.");
            }

            await Task.Delay(2, cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().WaitAsync(TimeSpan.FromSeconds(70));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"# (cleanup: stopping the silo: {e.GetType().Name}: {e.Message})");
        }

        _host.Dispose();
    }

    /// <summary>No console lifetime per host: signals are handled once, for the whole benchmark.</summary>
    private sealed class BenchLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
