using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Kpi;
using AdOrleans.Grains.Lake;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace AdOrleans.Grains.Tests;

/// <summary>
/// The durable side of one "process" on a data directory: the file log, the SQLite store with every row writer the
/// grains emit rows for, the receiver store and the group committer. Built with the product's own hosting extensions
/// (AddEventLog, AddStateStore, AddKpi, AddAdServing), so the wiring is the real silo's. It is shared by every silo
/// of a test cluster: the file log locks its directory and the store has one writer connection, so silos in one
/// process must share one instance of each (as they would share Kafka and PostgreSQL across processes).
/// Disposing it is what a process exit does to these files; open a new one on the same directory to "restart".
/// </summary>
public sealed class StoreServices : IAsyncDisposable
{
    public const int Partitions = 4;

    private readonly ServiceProvider _provider;

    private StoreServices(ServiceProvider provider)
    {
        _provider = provider;
        // Resolved in dependency order so that disposal (reverse order) stops the committer before the store and log.
        Log = provider.GetRequiredService<IPartitionedLog>();
        Store = provider.GetRequiredService<SqliteGrainStateStore>();
        ReceiverStore = provider.GetRequiredService<IReceiverStore>();
        SubStates = provider.GetRequiredService<ISubStateReader>();
        StateScanner = provider.GetRequiredService<IGrainStateScanner>();
        Committer = provider.GetRequiredService<GroupCommitter>();
    }

    public IPartitionedLog Log { get; }

    public SqliteGrainStateStore Store { get; }

    public IReceiverStore ReceiverStore { get; }

    public ISubStateReader SubStates { get; }

    public IGrainStateScanner StateScanner { get; }

    public GroupCommitter Committer { get; }

    public static StoreServices Open(string dataDirectory)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles"] = "silo",
            ["DataDirectory"] = dataDirectory,
            [$"{LogOptions.SectionName}:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var service = ServiceOptions.From(builder.Configuration);
        builder.Services.AddLogging();
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.SectionName);
        builder.AddEventLog(service);
        builder.AddStateStore(service);
        builder.AddKpi(service);
        builder.AddAdServing(service);
        return new StoreServices(builder.Services.BuildServiceProvider());
    }

    public async Task<long> CheckpointAsync(TopicPartition partition) =>
        await Store.ReadOffsetAsync(new AdOrleans.Streaming.LogStreamOptions().CheckpointGroup, partition, CancellationToken.None);

    /// <summary>True once every events partition's stored queue checkpoint reached the log's end: every record was delivered.</summary>
    public async Task<bool> EventsDrainedAsync()
    {
        for (var p = 0; p < Partitions; p++)
        {
            var partition = new TopicPartition(Topics.Events, p);
            if (await CheckpointAsync(partition) != await Log.EndOffsetAsync(partition, CancellationToken.None))
            {
                return false;
            }
        }

        return true;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>The one place that wires a test silo the way src/Silo does, on a <see cref="StoreServices"/>.</summary>
public static class TestSilo
{
    /// <param name="settings">Extra configuration for the stream provider, attribution and the lake (e.g. <c>Streams:MaxDeliveryTime</c>).</param>
    /// <param name="decorateStorage">Wraps the silo's grain storage (a test-only fault injector, say).</param>
    public static void Configure(ISiloBuilder silo, StoreServices store,
        IReadOnlyDictionary<string, string?>? settings = null, Func<IGrainStorage, IGrainStorage>? decorateStorage = null)
    {
        var services = silo.Services;
        services.AddSingleton(TimeProvider.System);
        // Instances, not factories: the silo's container must not dispose what all silos of the test share.
        services.AddSingleton(store.Log);
        services.AddSingleton(store.Store);
        services.AddSingleton<IGrainStateStore>(store.Store);
        services.AddSingleton(store.ReceiverStore);
        services.AddSingleton(store.SubStates);
        services.AddSingleton(store.StateScanner);
        services.AddSingleton(store.Committer);
        services.AddOptions<KpiOptions>().ValidateDataAnnotations();
        services.AddAdOrleansGrains();
        // Embedded mode: the group-commit storage under both names grains use.
        foreach (var name in new[] { StorageProviders.PerEvent, StorageProviders.PerCommand })
        {
            services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            {
                var storage = ActivatorUtilities.CreateInstance<GroupCommitGrainStorage>(sp);
                return decorateStorage is null ? storage : decorateStorage(storage);
            });
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        silo.AddLogStreams(configuration);
        // The pulling agent's settings come from the configuration above; the provider's own options from the same.
        services.AddOptions<LogStreamOptions>().Bind(configuration.GetSection(LogStreamOptions.SectionName));
        services.AddOptions<AttributionOptions>().Bind(configuration.GetSection(AttributionOptions.SectionName));
        services.AddOptions<LakeOptions>().Bind(configuration.GetSection(LakeOptions.SectionName));
    }

    public static async Task<InProcessTestCluster> StartAsync(StoreServices store, short silos = 1,
        IReadOnlyDictionary<string, string?>? settings = null, Func<IGrainStorage, IGrainStorage>? decorateStorage = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => Configure(silo, store, settings, decorateStorage));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>A cluster with its store: stops the silos first (receivers write their last checkpoints), then closes the files.</summary>
public sealed class Running(StoreServices store, InProcessTestCluster cluster) : IAsyncDisposable
{
    public StoreServices Store { get; } = store;

    public InProcessTestCluster Cluster { get; } = cluster;

    public IClusterClient Client => Cluster.Client;

    public static async Task<Running> StartAsync(string dataDirectory, short silos = 1,
        IReadOnlyDictionary<string, string?>? settings = null, Func<IGrainStorage, IGrainStorage>? decorateStorage = null)
    {
        var store = StoreServices.Open(dataDirectory);
        try
        {
            return new Running(store, await TestSilo.StartAsync(store, silos, settings, decorateStorage));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        finally
        {
            await Store.DisposeAsync();
        }
    }
}
