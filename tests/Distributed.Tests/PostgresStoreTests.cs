using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Postgres;
using Npgsql;

namespace AdOrleans.Distributed.Tests;

[Collection(DistributedCollection.Name)]
public sealed class PostgresStoreTests
{
    private static readonly TopicPartition Events0 = new("events", 0);
    private static readonly StateId Grain = new("event-totals", "c-1");

    [PostgresFact]
    public async Task ACommitFromAFormerOwnerWhoseOffsetsMovedOnIsRejectedAndWritesNothing()
    {
        await using var db = await StoreDatabase.CreateAsync();
        await db.Store.CommitAsync(Commit(expected: 0, next: 10, etag: null, "a"), CancellationToken.None);
        await db.Store.CommitAsync(Commit(expected: 10, next: 20, etag: "1", "b"), CancellationToken.None);

        await Assert.ThrowsAsync<StaleETagException>(async () =>
            await db.Store.CommitAsync(Commit(expected: 10, next: 15, etag: "1", "zombie"), CancellationToken.None));

        Assert.Equal(20, await db.Store.ReadOffsetAsync("silos", Events0, CancellationToken.None));
        Assert.Equal("b"u8.ToArray(), (await db.Store.ReadAsync(Grain, CancellationToken.None))!.Data);
    }

    [PostgresFact]
    public async Task RetryingACommitThatAlreadyLandedReturnsItsETagsWithoutWritingTwice()
    {
        await using var db = await StoreDatabase.CreateAsync();
        var commit = Commit(expected: 0, next: 10, etag: null, "a");
        var first = await db.Store.CommitAsync(commit, CancellationToken.None);
        var retry = await db.Store.CommitAsync(commit, CancellationToken.None);

        Assert.Equal(first, retry);
        Assert.Equal("1", (await db.Store.ReadAsync(Grain, CancellationToken.None))!.ETag);
    }

    [PostgresFact]
    public async Task AStaleETagRejectsTheWholeCommitIncludingItsOffsets()
    {
        await using var db = await StoreDatabase.CreateAsync();
        await db.Store.CommitAsync(Commit(expected: 0, next: 10, etag: null, "a"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<StaleETagException>(async () =>
            await db.Store.CommitAsync(Commit(expected: 10, next: 20, etag: "7", "b"), CancellationToken.None));

        Assert.Equal("1", e.StoredETag);
        Assert.Equal(10, await db.Store.ReadOffsetAsync("silos", Events0, CancellationToken.None));
    }

    [PostgresFact]
    public async Task RowsOfATypeWithoutARegisteredWriterAreAClearError()
    {
        await using var db = await StoreDatabase.CreateAsync();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await db.Store.CommitAsync(Commit(expected: 0, next: 1, etag: null, "a") with { Rows = [new Uri("http://x")] }, CancellationToken.None));

        Assert.Contains(nameof(Uri), e.Message);
        Assert.Equal(0, await db.Store.ReadOffsetAsync("silos", Events0, CancellationToken.None));
    }

    [PostgresFact]
    public async Task ADatabaseClaimedByOneOrleansServiceRefusesAnotherNamingTheKeysToChange()
    {
        await using var db = await StoreDatabase.CreateAsync();
        await db.Store.ClaimAsync("service-a", CancellationToken.None);
        await db.Store.ClaimAsync("service-a", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<DatabaseOwnedByAnotherServiceException>(() => db.Store.ClaimAsync("service-b", CancellationToken.None));

        Assert.Equal("service-a", refused.Owner);
        Assert.Contains("Orleans:ServiceId", refused.Message);
        Assert.Contains("ConnectionStrings:Postgres", refused.Message);
        await db.Store.ClaimAsync("service-a", CancellationToken.None);
    }

    private static PartitionCommit Commit(long expected, long next, string? etag, string data) =>
        new("silos", [(Events0, next)], [new StateWrite(Grain, System.Text.Encoding.UTF8.GetBytes(data), etag)]) { ExpectedOffsets = [expected] };

    private sealed class StoreDatabase : IAsyncDisposable
    {
        private readonly string _name;

        private StoreDatabase(string name, PostgresGrainStateStore store)
        {
            _name = name;
            Store = store;
        }

        public PostgresGrainStateStore Store { get; }

        public static async Task<StoreDatabase> CreateAsync()
        {
            var name = "adorleans_store_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name }.ToString();
            var store = new PostgresGrainStateStore(NpgsqlDataSource.Create(connectionString), []);
            await store.MigrateAsync(CancellationToken.None);
            await store.MigrateAsync(CancellationToken.None);
            return new StoreDatabase(name, store);
        }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
