using System.Text;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace AdOrleans.Grains.Tests;

/// <summary>The group-commit grain storage on the SQLite store, without a cluster.</summary>
public sealed class GroupCommitStorageTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    private string DatabasePath => Path.Combine(_data.Directory, "state.db");

    [Fact(Timeout = 60_000)]
    public async Task An_ETag_conflict_raises_Orleans_InconsistentStateException()
    {
        using var store = new SqliteGrainStateStore(DatabasePath);
        await using var committer = new GroupCommitter(store, [], NullLogger<GroupCommitter>.Instance);
        var storage = new GroupCommitGrainStorage(store, committer);
        var grainId = GrainId.Create("counter", "k1");

        var initial = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("state", grainId, initial);
        Assert.Equal("1", initial.ETag);

        var a = new GrainState<Counter>(new Counter());
        var b = new GrainState<Counter>(new Counter());
        await storage.ReadStateAsync("state", grainId, a);
        await storage.ReadStateAsync("state", grainId, b);
        Assert.Equal(a.ETag, b.ETag);

        a.State!.Value = 2;
        await storage.WriteStateAsync("state", grainId, a);
        b.State!.Value = 3;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grainId, b));
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Equal("2", conflict.StoredEtag);

        var read = new GrainState<Counter>(new Counter());
        await storage.ReadStateAsync("state", grainId, read);
        Assert.Equal((2, "2"), (read.State!.Value, read.ETag));
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_writes_of_many_grains_are_committed_in_fewer_transactions_than_writes()
    {
        const int writes = 1_000;
        using var store = new SqliteGrainStateStore(DatabasePath);
        var commits = new CountingObserver();
        await using var committer = new GroupCommitter(store, [commits], NullLogger<GroupCommitter>.Instance);

        // All writes are in flight at once (as many grains' writes are under load): queued without waiting for each other.
        // Each queued from its own thread-pool item, they could each find the committer idle on a quiet machine.
        var pending = Enumerable.Range(0, writes)
            .Select(i => committer.WriteStateAsync(new StateWrite(new StateId("counter", $"k{i}"), Encoding.UTF8.GetBytes($"{{\"value\":{i}}}"), null), []))
            .ToList();
        var etags = await Task.WhenAll(pending);

        Assert.All(etags, etag => Assert.Equal("1", etag));
        // Observers are told right after the writers are released, so the count can trail the writes by a moment.
        await Eventually.HoldsAsync(() => Task.FromResult(commits.States == writes), $"observers saw {writes} committed states");
        Assert.True(commits.Transactions < writes, $"{commits.Transactions} transactions for {writes} writes");
        for (var i = 0; i < writes; i += 97)
        {
            var stored = await store.ReadAsync(new StateId("counter", $"k{i}"), CancellationToken.None);
            Assert.Equal($"{{\"value\":{i}}}", Encoding.UTF8.GetString(stored!.Data));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_commit_with_one_stale_ETag_writes_none_of_its_states_offsets_or_rows()
    {
        using var store = new SqliteGrainStateStore(DatabasePath);
        var fresh = new StateId("counter", "fresh");
        var stale = new StateId("counter", "stale");
        var partition = new TopicPartition(Topics.Events, 0);
        await store.WriteAsync(stale, "{}"u8.ToArray(), null, CancellationToken.None);

        var commit = new PartitionCommit("silos", [(partition, 42)], [new StateWrite(fresh, "{}"u8.ToArray(), null), new StateWrite(stale, "{}"u8.ToArray(), "7")]);
        await Assert.ThrowsAsync<StaleETagException>(() => store.CommitAsync(commit, CancellationToken.None).AsTask());

        Assert.Null(await store.ReadAsync(fresh, CancellationToken.None));
        Assert.Equal("1", (await store.ReadAsync(stale, CancellationToken.None))!.ETag);
        Assert.Equal(0, await store.ReadOffsetAsync("silos", partition, CancellationToken.None));
    }

    [Fact(Timeout = 60_000)]
    public async Task Committed_pages_reach_the_database_file_without_the_writer_checkpointing()
    {
        using var store = new SqliteGrainStateStore(DatabasePath);
        var before = new FileInfo(DatabasePath).Length;

        // 400 KiB of state: about 100 pages, far below the writer's own automatic checkpoint threshold.
        await store.WriteAsync(new StateId("blob", "b1"), new byte[400 * 1024], null, CancellationToken.None);

        await Eventually.HoldsAsync(
            () => Task.FromResult(new FileInfo(DatabasePath).Length >= before + 400 * 1024),
            "the background checkpoint has copied the committed pages into the database file");
    }

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class CountingObserver : IStateCommitObserver
    {
        private int _transactions;
        private int _states;

        public int Transactions => Volatile.Read(ref _transactions);

        public int States => Volatile.Read(ref _states);

        public void OnCommitted(IReadOnlyList<StateId> states)
        {
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _states, states.Count);
        }
    }
}
