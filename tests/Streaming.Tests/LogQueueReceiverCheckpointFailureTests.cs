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
        var failing = true;
        var receiver = await rig.StartReceiverAsync(new FailingCommits(rig.Sqlite, commit => Volatile.Read(ref failing) && commit.Offsets.Count > 0));
        var first = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1"], ReceiverRig.EventIds(first));

        // e-1 is delivered; the checkpoint past it falls due (every 200 ms) and its write fails, so it stays due.
        await Eventually.TrueAsync(() => FailingCommits.FailsAsync(() => receiver.MessagesDeliveredAsync(first)), what: "a checkpoint write that fails");
        await rig.AppendPageviewsAsync("e-2");
        await FailingCommits.FailsAsync(() => receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Volatile.Write(ref failing, false);

        var read = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            read.AddRange(ReceiverRig.EventIds(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
            return read.Contains("e-2");
        }, what: "e-2 read after the failed checkpoint");
    }

    [Fact]
    public async Task A_shutdown_whose_final_checkpoint_fails_still_gives_up_the_partition()
    {
        await using var rig = new ReceiverRig();
        await rig.AppendPageviewsAsync("e-1");
        var receiver = await rig.StartReceiverAsync(new FailingCommits(rig.Sqlite, commit => commit.Offsets.Count > 0));
        var delivered = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        // On a slow machine the checkpoint past e-1 may fall due (every 200 ms) already here: its write fails the same
        // way and leaves the checkpoint where it was, so the final one still has e-1 to write.
        await FailingCommits.FailsAsync(() => receiver.MessagesDeliveredAsync(delivered));

        Assert.True(await FailingCommits.FailsAsync(() => receiver.Shutdown(TimeSpan.FromSeconds(5))));
        Assert.False(rig.Status.Owned);
    }
}
