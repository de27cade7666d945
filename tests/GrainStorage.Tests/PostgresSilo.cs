using AdOrleans.Persistence.Postgres.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace AdOrleans.GrainStorage.Tests;

/// <summary>
/// A fresh database with the group-commit store migrated, and one in-process silo on it whose
/// <see cref="StorageProviders.PerCommand"/> storage is Orleans' ADO.NET provider, wired by
/// <c>AddPostgresGrainStorage</c> as src/Silo wires it (the silo's start applies <see cref="OrleansSchema"/>).
/// </summary>
public sealed class PostgresSilo : IAsyncDisposable
{
    public const string ServiceId = "adorleans-grain-storage-tests";

    private readonly GroupCommitter _committer;

    private PostgresSilo(TestDatabase database, PostgresGrainStateStore store, GroupCommitter committer, InProcessTestCluster cluster)
    {
        (Database, Store, _committer, Cluster) = (database, store, committer, cluster);
    }

    public TestDatabase Database { get; }

    /// <summary>The group-commit store of the same database (it also writes the rows grains emit).</summary>
    public PostgresGrainStateStore Store { get; }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The storage grains naming <see cref="StorageProviders.PerCommand"/> get, taken from the silo.</summary>
    public IGrainStorage Storage => Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageProviders.PerCommand);

    /// <param name="seed">Runs on the migrated group-commit store before the silo starts: data of an older version.</param>
    public static async Task<PostgresSilo> StartAsync(Func<PostgresGrainStateStore, Task>? seed = null)
    {
        var database = await TestDatabase.CreateAsync("adorleans_storage_");
        var store = new PostgresGrainStateStore(NpgsqlDataSource.Create(database.ConnectionString), [new PostgresDeadLetterWriter()]);
        var committer = new GroupCommitter(store, [], NullLogger<GroupCommitter>.Instance);
        try
        {
            await store.MigrateAsync(CancellationToken.None);
            if (seed is not null)
            {
                await seed(store);
            }

            var builder = new InProcessTestClusterBuilder(1);
            builder.Options.ServiceId = ServiceId;
            builder.ConfigureSilo((_, silo) =>
            {
                // An instance: the silo's container must not dispose what this fixture owns.
                silo.Services.AddSingleton(committer);
                silo.AddPostgresGrainStorage(StorageProviders.PerCommand, database.ConnectionString);
            });
            var cluster = builder.Build();
            await cluster.DeployAsync();
            return new PostgresSilo(database, store, committer, cluster);
        }
        catch
        {
            await committer.DisposeAsync();
            await store.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
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
            await _committer.DisposeAsync();
            await Store.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
