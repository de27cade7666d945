using System.Net;
using AdOrleans.Grains;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.GrainStorage;
using AdOrleans.Persistence.Postgres.Streams;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;
using Orleans.Storage;

namespace AdOrleans.Storage.Bench;

/// <summary>
/// One silo on a fresh database with both grain storages of distributed mode, registered as src/Silo registers them
/// (the group-commit storage on <see cref="PostgresGrainStateStore"/>, Orleans' ADO.NET provider through
/// <c>AddPostgresGrainStorage</c>). The benchmark calls the storages the silo built, as grains would.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _database;
    private readonly string _admin;

    private BenchSilo(IHost host, string admin, string database) => (_host, _admin, _database) = (host, admin, database);

    public IGrainStorage GroupCommit => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageProviders.PerEvent);

    public IGrainStorage AdoNet => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageProviders.PerCommand);

    public static async Task<BenchSilo> StartAsync(string admin)
    {
        var database = "adorleans_storagebench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connectionString = PostgresHostingExtensions.WithPoolDefault(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString());
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort.Pick(), FreePort.Pick());
                silo.Services.AddSingleton(sp => new PostgresGrainStateStore(NpgsqlDataSource.Create(connectionString), [new PostgresDeadLetterWriter()]));
                silo.Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<PostgresGrainStateStore>());
                silo.Services.AddSingleton<GroupCommitter>();
                silo.Services.AddKeyedSingleton<IGrainStorage, GroupCommitGrainStorage>(StorageProviders.PerEvent);
                silo.AddPostgresGrainStorage(StorageProviders.PerCommand, connectionString);
            })
            .Build();
        await host.Services.GetRequiredService<PostgresGrainStateStore>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        return new BenchSilo(host, admin, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
