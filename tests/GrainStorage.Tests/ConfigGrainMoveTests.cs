namespace AdOrleans.GrainStorage.Tests;

/// <summary>
/// Slots and segments stored by an older version in the group-commit table move into Orleans' table when the schema
/// is migrated, so that none starts empty.
/// </summary>
public sealed class ConfigGrainMoveTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task SlotAndSegmentStatesOfAnOlderVersionAreReadBackThroughOrleansProvider()
    {
        var slot = States.Slot("12", 7_000);
        var segment = States.Segment("12", "twelve");
        await using var silo = await PostgresSilo.StartAsync(async store =>
        {
            var etag = await store.WriteAsync(new StateId(SlotConfig.GrainType, "12"), States.Json(slot), null, CancellationToken.None);
            await store.WriteAsync(new StateId(SlotConfig.GrainType, "12"), States.Json(slot), etag, CancellationToken.None);
            await store.WriteAsync(new StateId(SegmentConfig.GrainType, "12"), States.Json(segment), null, CancellationToken.None);
            await store.WriteAsync(new StateId(ICampaignGrain.GrainType, "12"), States.Json(new CampaignGrainState()), null, CancellationToken.None);
        });

        var movedSlot = await States.ReadAsync<SlotGrainState>(silo.Storage, GrainId.Create(SlotConfig.GrainType, "12"));
        var movedSegment = await States.ReadAsync<SegmentGrainState>(silo.Storage, GrainId.Create(SegmentConfig.GrainType, "12"));

        Assert.Equal((slot.Slot, "2", true), (movedSlot.State.Slot, movedSlot.ETag, movedSlot.RecordExists));
        Assert.Equal((segment.Segment!.Name, "1", true), (movedSegment.State.Segment!.Name, movedSegment.ETag, movedSegment.RecordExists));

        // Moved, not copied; the campaign stays on the group-commit storage.
        Assert.Equal(ICampaignGrain.GrainType, await silo.ScalarAsync<string>("SELECT string_agg(grain_type, ',') FROM grain_state"));

        // The grain goes on from the version it had.
        await silo.Storage.WriteStateAsync("state", GrainId.Create(SlotConfig.GrainType, "12"), movedSlot);
        Assert.Equal("3", movedSlot.ETag);
    }

    [PostgresFact]
    public async Task TwoProcessesMigratingAtOnceMoveEveryRowExactlyOnce()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var database = await TestDatabase.CreateAsync("adorleans_storage_");
        await using var store = new PostgresGrainStateStore(NpgsqlDataSource.Create(database.ConnectionString), []);
        await store.MigrateAsync(timeout.Token);
        for (var i = 0; i < 100; i++)
        {
            await store.WriteAsync(new StateId(SlotConfig.GrainType, $"s-{i}"), States.Json(States.Slot($"s-{i}", i)), null, timeout.Token);
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await OrleansSchema.MigrateAsync(database.ConnectionString, PostgresSilo.ServiceId, timeout.Token);
        })).ToArray();
        go.SetResult();
        var results = await Task.WhenAll(racers);

        // The advisory lock serialises them: one applies everything, the other finds it applied.
        Assert.Single(results, r => r.Count == OrleansSchema.Migrations.Count);
        Assert.Single(results, r => r.Count == 0);
        await using var count = store.DataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM orleans_grain_state WHERE service_id = @s),
                   (SELECT count(DISTINCT grain_id_ext) FROM orleans_grain_state),
                   (SELECT count(*) FROM grain_state)
            """);
        count.Parameters.AddWithValue("s", PostgresSilo.ServiceId);
        await using var reader = await count.ExecuteReaderAsync(timeout.Token);
        await reader.ReadAsync(timeout.Token);
        Assert.Equal((100L, 100L, 0L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [PostgresFact]
    public async Task ADatabaseWhoseStoreHasNotRenamedItsKeysYetIsRefusedAndLeftAsItWas()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var database = await TestDatabase.CreateAsync("adorleans_storage_");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        // What the pre-Orleans version left: slot keys still carry their log prefix.
        await using (var older = dataSource.CreateCommand("""
            CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO schema_migrations (name) VALUES ('0001-grain-state-and-offsets');
            CREATE TABLE grain_state (grain_type text, grain_key text, etag bigint, data bytea, updated_at timestamptz, PRIMARY KEY (grain_type, grain_key));
            INSERT INTO grain_state VALUES ('ad-slot', 'slot:12', 1, '{}', now());
            """))
        {
            await older.ExecuteNonQueryAsync(timeout.Token);
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => OrleansSchema.MigrateAsync(database.ConnectionString, PostgresSilo.ServiceId, timeout.Token));

        Assert.Contains("0002-orleans-grain-keys", refused.MessageText);
        await using var check = dataSource.CreateCommand("SELECT to_regclass('orleans_schema_migrations') IS NULL AND to_regclass('orleans_grain_state') IS NULL, (SELECT count(*) FROM grain_state)");
        await using var reader = await check.ExecuteReaderAsync(timeout.Token);
        await reader.ReadAsync(timeout.Token);
        Assert.Equal((true, 1L), (reader.GetBoolean(0), reader.GetInt64(1)));
    }
}
