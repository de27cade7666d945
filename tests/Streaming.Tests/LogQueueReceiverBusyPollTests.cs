namespace AdOrleans.Streaming.Tests;

/// <summary>A busy queue gathers records for <see cref="LogStreamOptions.BusyPollInterval"/>; a quiet one or a backlog is read at once.</summary>
public sealed class LogQueueReceiverBusyPollTests
{
    [Fact]
    public async Task A_quiet_queue_reads_its_first_record_at_once_and_then_holds_later_records_until_the_interval_passes()
    {
        await using var rig = new ReceiverRig();
        rig.Options.BusyPollInterval = TimeSpan.FromMilliseconds(300);
        var receiver = await rig.StartReceiverAsync();
        await rig.AppendPageviewsAsync("e-1");

        // Taken before the read the interval starts from: taken after it, a late resumption of this test on a loaded
        // machine shortened the measured hold below the interval (a CI run failed so).
        var heldFrom = Environment.TickCount64;
        Assert.Equal(["e-1"], ReceiverRig.EventIds(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
        await rig.AppendPageviewsAsync("e-2");
        await rig.AppendPageviewsAsync("e-3");

        IList<Orleans.Streams.IBatchContainer> read;
        while ((read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None)).Count == 0)
        {
            await Task.Delay(10);
        }

        Assert.True(Environment.TickCount64 - heldFrom >= 250, "records of a busy queue were read before its interval passed");
        Assert.Equal(["e-2", "e-3"], ReceiverRig.EventIds(read));
    }

    [Fact]
    public async Task A_read_that_filled_the_poll_is_followed_at_once_by_the_next()
    {
        await using var rig = new ReceiverRig();
        rig.Options.BusyPollInterval = TimeSpan.FromHours(1);
        rig.Options.MaxRecordsPerPoll = 2;
        await rig.AppendPageviewsAsync("e-1", "e-2", "e-3");
        var receiver = await rig.StartReceiverAsync();

        Assert.Equal(["e-1", "e-2"], ReceiverRig.EventIds(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
        Assert.Equal(["e-3"], ReceiverRig.EventIds(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
        await rig.AppendPageviewsAsync("e-4");
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
    }
}
