namespace AdOrleans.Clustering.Tests;

public sealed class MigrationTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task TheMigrationAppliedTwiceLeavesOneSchemaVersionAndAllQueryRows()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();

        var first = await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, timeout.Token);
        var second = await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, timeout.Token);

        Assert.Equal(OrleansSchema.Migrations.Select(m => m.Name), first);
        Assert.Empty(second);
        await AssertOneSchemaVersionAndAllQueryRows(db);
    }

    [PostgresFact]
    public async Task TheMigrationAppliedConcurrentlyFromTwoTasksLeavesOneSchemaVersionAndAllQueryRows()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, timeout.Token);
        })).ToArray();
        go.SetResult();
        var results = await Task.WhenAll(racers);

        // The advisory lock serialises them: one applies everything, the other finds it applied.
        Assert.Single(results, r => r.Count == OrleansSchema.Migrations.Count);
        Assert.Single(results, r => r.Count == 0);
        await AssertOneSchemaVersionAndAllQueryRows(db);
    }

    [PostgresFact]
    public async Task AQueryRowEditedByHandIsRestoredByTheNextMigration()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();
        await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, timeout.Token);
        await db.ScalarAsync<int>("WITH u AS (UPDATE OrleansQuery SET QueryText = 'broken' WHERE QueryKey = 'GatewaysQueryKey' RETURNING 1) SELECT count(*)::int FROM u");

        await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, timeout.Token);

        Assert.Equal(OrleansClusteringQueries.All["GatewaysQueryKey"],
            await db.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'"));
    }

    [PostgresFact]
    public async Task AGatewayOnlyClientStartingBeforeAnySiloCreatesTheSchemaAndFindsNoGateways()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();
        using var client = new HostBuilder()
            .UseOrleansClient(c => c
                .Configure<ClusterOptions>(o => { o.ClusterId = "no-silos-yet"; o.ServiceId = TestCluster.ServiceId; })
                .UsePostgresClustering(db.ConnectionString))
            .Build();

        // What the client runtime calls first while connecting.
        var gateways = client.Services.GetRequiredService<Orleans.Messaging.IGatewayListProvider>();
        await gateways.InitializeGatewayListProviderAsync(timeout.Token);

        Assert.Empty(await gateways.GetGatewaysAsync(timeout.Token));
        await AssertOneSchemaVersionAndAllQueryRows(db);
    }

    private static async Task AssertOneSchemaVersionAndAllQueryRows(TestDatabase db)
    {
        Assert.Equal(OrleansSchema.Migrations.Count, (int)await db.ScalarAsync<long>("SELECT count(*) FROM orleans_schema_migrations"));
        Assert.Equal(OrleansSchema.Migrations[^1].Name, await db.ScalarAsync<string>("SELECT max(name) FROM orleans_schema_migrations"));

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        Assert.Equal(OrleansSchema.Queries.OrderBy(q => q.Key), rows.OrderBy(q => q.Key));
    }
}
