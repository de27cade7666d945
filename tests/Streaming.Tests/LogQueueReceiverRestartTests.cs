using AdOrleans.Persistence;
using AdOrleans.Testing;

namespace AdOrleans.Streaming.Tests;

/// <summary>A receiver whose write of new eventIds failed restarts from its stored checkpoint and derives them again.</summary>
public sealed class LogQueueReceiverRestartTests
{
    [Fact]
    public async Task After_a_failed_eventId_write_the_previous_sessions_deliveries_store_no_checkpoint_and_the_records_are_read_again()
    {
        await using var rig = new ReceiverRig();
        await rig.AppendPageviewsAsync("e-1", "e-2", "e-3");
        var failed = 0;
        var receiver = await rig.StartReceiverAsync(new FailingCommits(rig.Sqlite, commit => commit.Rows.OfType<RecentEventIds>().Any() && Interlocked.Exchange(ref failed, 1) == 0));

        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        // Checkpoints are written at most every 200 ms; the first one finds the failed write and the queue restarts.
        await Eventually.TrueAsync(() => FailingCommits.FailsAsync(() => receiver.MessagesDeliveredAsync(read)), what: "a checkpoint that finds the failed write");
        // Orleans' cache goes on removing that session's containers before the next poll.
        await receiver.MessagesDeliveredAsync(read);

        Assert.Equal(0, await rig.Sqlite.ReadOffsetAsync(rig.Options.CheckpointGroup, ReceiverRig.Partition, CancellationToken.None));
        var replayed = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1", "e-2", "e-3"], ReceiverRig.EventIds(replayed));
    }
}
