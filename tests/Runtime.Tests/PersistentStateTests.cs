using System.Text;

namespace AdOrleans.Runtime.Tests;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task AStaleETagWriteFailsWithTheConflictError()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ICounterGrain>("etag");
        await grain.CallAsync(static g => g.IncrementAsync());
        await grain.CallAsync(static g => g.SaveAsync());

        // Another writer moves the stored version on behind the activation's back.
        var stored = await runtime.Store.ReadAsync(grain.Id, CancellationToken.None);
        await runtime.Store.WriteAsync(grain.Id, stored!.Data, stored.ETag, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.CallAsync(static g => g.SaveAsync()));
        Assert.Equal("1", conflict.ExpectedETag);
        Assert.Equal("2", conflict.StoredETag);
        Assert.Contains("counter/etag", conflict.Message);
    }

    [Fact]
    public async Task ACommitWithOneStaleETagWritesNothingAtAll()
    {
        var store = new InMemoryGrainStateStore();
        var a = new GrainId("counter", "a");
        var b = new GrainId("counter", "b");
        await store.WriteAsync(b, Encoding.UTF8.GetBytes("{}"), null, CancellationToken.None);

        var commit = new PartitionCommit("g", [(new TopicPartition("events", 0), 10)],
            [new StateWrite(a, Encoding.UTF8.GetBytes("{}"), null), new StateWrite(b, Encoding.UTF8.GetBytes("{}"), "7")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.CommitAsync(commit, CancellationToken.None).AsTask());
        Assert.Null(await store.ReadAsync(a, CancellationToken.None));
        Assert.Equal(0, await store.ReadOffsetAsync("g", new TopicPartition("events", 0), CancellationToken.None));
    }
}
