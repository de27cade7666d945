using AdOrleans.Persistence;
using AdOrleans.Testing;

namespace AdOrleans.Streaming.Tests;

/// <summary>A checkpoint write that fails (the database restarting) never costs a record its delivery.</summary>
public sealed class LogQueueReceiverCheckpointFailureTests
{
    [Fact]
    public async Task A_poll_whose_checkpoint_write_fails_loses_no_record_it_would_have_read()
    {
        await using var rig = new ReceiverRig();
        await rig.AppendPageviewsAsync("e-1");
        var store = new CheckpointWritesFailing(rig.Sqlite) { Failing = true };
        var receiver = await rig.StartReceiverAsync(store);
        var first = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1"], ReceiverRig.EventIds(first));

        // e-1 is delivered; the checkpoint past it falls due (every 200 ms) and its write fails, so it stays due.
        await Eventually.TrueAsync(async () => await ThrowsAsync(() => receiver.MessagesDeliveredAsync(first)), what: "a checkpoint write that fails");
        await rig.AppendPageviewsAsync("e-2");
        await ThrowsAsync(() => receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        store.Failing = false;

        var read = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            read.AddRange(ReceiverRig.EventIds(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
            return read.Contains("e-2");
        }, what: "e-2 read after the failed checkpoint");
    }

    private static async Task<bool> ThrowsAsync(Func<Task> action)
    {
        try
        {
            await action();
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The store as while the database restarts: commits that move a queue checkpoint fail.</summary>
    private sealed class CheckpointWritesFailing(IGrainStateStore store) : IGrainStateStore
    {
        public volatile bool Failing;

        public ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken) => store.ReadAsync(stateId, cancellationToken);

        public ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken) =>
            store.WriteAsync(stateId, state, expectedETag, cancellationToken);

        public ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken) => store.ReadOffsetAsync(group, partition, cancellationToken);

        public ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken) =>
            Failing && commit.Offsets.Count > 0
                ? throw new IOException("the database system is shutting down")
                : store.CommitAsync(commit, cancellationToken);

        public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => store.PingAsync(cancellationToken);
    }
}
