namespace AdOrleans.GrainStorage.Tests;

/// <summary>Orleans' ADO.NET provider, through the adapter grains get, against our table and <c>OrleansQuery</c> rows.</summary>
public sealed class GrainStorageContractTests : IAsyncLifetime
{
    private PostgresSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await PostgresSilo.StartAsync();

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    private static GrainId NewSlot() => GrainId.Create(SlotConfig.GrainType, "s-" + Guid.NewGuid().ToString("N")[..8]);

    [PostgresFact]
    public async Task AStateWrittenIsReadBackWithItsETag()
    {
        var id = NewSlot();
        var written = new Held<SlotGrainState>(States.Slot(id.Key.ToString()!, 1_500));

        await _silo.Storage.WriteStateAsync("state", id, written);
        Assert.Equal(("1", true), (written.ETag, written.RecordExists));
        written.State.Slot = written.State.Slot! with { FloorMicros = 2_500 };
        await _silo.Storage.WriteStateAsync("state", id, written);
        Assert.Equal("2", written.ETag);

        var read = await States.ReadAsync<SlotGrainState>(_silo.Storage, id);
        Assert.Equal(written.State.Slot, read.State.Slot);
        Assert.Equal(("2", true), (read.ETag, read.RecordExists));

        // One row, keyed as the adapter promises, its JSON readable with any SQL client.
        Assert.Equal(2, await _silo.ScalarAsync<int>(
            "SELECT version FROM orleans_grain_state WHERE service_id = @s AND state_name = 'state' AND grain_id_n0 = 0 AND grain_id_n1 = 0 AND grain_id_ext = @k",
            ("s", PostgresSilo.ServiceId), ("k", id.ToString())));
        Assert.Contains("\"floorMicros\":2500", await _silo.ScalarAsync<string>(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_id_ext = @k", ("k", id.ToString())));
    }

    [PostgresFact]
    public async Task AWriteWithAStaleETagRaisesInconsistentStateException()
    {
        var id = NewSlot();
        await _silo.Storage.WriteStateAsync("state", id, new Held<SlotGrainState>(States.Slot("x", 1)));
        var first = await States.ReadAsync<SlotGrainState>(_silo.Storage, id);
        var second = await States.ReadAsync<SlotGrainState>(_silo.Storage, id);

        await _silo.Storage.WriteStateAsync("state", id, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _silo.Storage.WriteStateAsync("state", id, second));

        // A second activation that believes the grain has no state yet conflicts too, instead of overwriting it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => _silo.Storage.WriteStateAsync("state", id, new Held<SlotGrainState>(States.Slot("y", 2))));
        Assert.Equal(first.State.Slot, (await States.ReadAsync<SlotGrainState>(_silo.Storage, id)).State.Slot);
    }

    /// <summary>Clearing deletes the row, key included (an erased user's contact, docs/privacy.md); a stale activation cannot bring it back.</summary>
    [PostgresFact]
    public async Task AClearedStateIsDeletedReadsFreshAndAnOlderETagStillConflicts()
    {
        var id = NewSlot();
        var state = new Held<SlotGrainState>(States.Slot("x", 1));
        await _silo.Storage.WriteStateAsync("state", id, state);
        var stale = await States.ReadAsync<SlotGrainState>(_silo.Storage, id);

        await _silo.Storage.ClearStateAsync("state", id, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.State.Slot);

        var read = await States.ReadAsync<SlotGrainState>(_silo.Storage, id);
        Assert.Equal((null, false), (read.ETag, read.RecordExists));
        Assert.Null(read.State.Slot);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _silo.Storage.WriteStateAsync("state", id, stale));

        read.State.Slot = States.Slot("x", 3).Slot;
        await _silo.Storage.WriteStateAsync("state", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal("x", (await States.ReadAsync<SlotGrainState>(_silo.Storage, id)).State.Slot!.Id);
    }

    [PostgresFact]
    public async Task GrainsOfOtherTypesOrWithKeysThatReadAsOneNumberKeepStatesOfTheirOwn()
    {
        // Orleans' provider alone would give these three rows (dotnet/orleans#8746, #9706): the first three read as one
        // hexadecimal number, and so do the next two, and 32 hexadecimal digits read as a Guid.
        var hex = Guid.NewGuid().ToString("N");
        GrainId[] ids =
        [
            GrainId.Create(SlotConfig.GrainType, "12" + hex[..6]),
            GrainId.Create(SlotConfig.GrainType, "0012" + hex[..6]),
            GrainId.Create(SegmentConfig.GrainType, "12" + hex[..6]),
            GrainId.Create(SlotConfig.GrainType, "cafe" + hex[6..10]),
            GrainId.Create(SlotConfig.GrainType, "CAFE" + hex[6..10].ToUpperInvariant()),
            GrainId.Create(SlotConfig.GrainType, hex),
        ];
        for (var i = 0; i < ids.Length; i++)
        {
            await _silo.Storage.WriteStateAsync("state", ids[i], new Held<SlotGrainState>(States.Slot(ids[i].ToString(), i)));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = await States.ReadAsync<SlotGrainState>(_silo.Storage, ids[i]);
            Assert.Equal((ids[i].ToString(), (long)i, "1"), (read.State.Slot!.Id, read.State.Slot.FloorMicros, read.ETag));
        }
    }

    [PostgresFact]
    public async Task AfterTheServerDroppedEveryConnectionOneFailedReadClearsThePoolForTheRest()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => NewSlot()).ToArray();
        // Five writes at once leave the provider's pool with several idle connections.
        await Task.WhenAll(ids.Select(id => _silo.Storage.WriteStateAsync("state", id, new Held<SlotGrainState>(States.Slot("x", 1)))));

        // What a server restart does to them, limited to this test's database.
        await _silo.ScalarAsync<long>("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        Assert.Equal("1", (await States.ReadAsync<SlotGrainState>(_silo.Storage, ids[0])).ETag);
        var reads = await Task.WhenAll(ids.Select(id => States.ReadAsync<SlotGrainState>(_silo.Storage, id)));
        Assert.All(reads, read => Assert.Equal("1", read.ETag));
        var write = reads[0];
        await _silo.Storage.WriteStateAsync("state", ids[0], write);
        Assert.Equal("2", write.ETag);
    }

    [PostgresFact]
    public async Task RowsTheStateEmitsAreWrittenThenTakenFromIt()
    {
        var id = NewSlot();
        var state = new Held<SlotGrainState>(States.Slot("x", 1));
        state.State.PendingRows.Add(new DeadLetter(id.ToString(), Topics.Commands, 3, 42, "test", DateTimeOffset.UtcNow));

        await _silo.Storage.WriteStateAsync("state", id, state);

        Assert.Empty(state.State.PendingRows);
        Assert.Equal(1L, await _silo.ScalarAsync<long>("SELECT count(*) FROM stream_dead_letters WHERE consumer = @c AND \"offset\" = 42", ("c", id.ToString())));
    }
}
