using AdOrleans.Grains;

namespace AdOrleans.Streaming.Tests;

/// <summary>A staged stall (the simulator's stalled-partition incident) stops a receiver reading, so the partition's lag grows.</summary>
public sealed class LogQueueReceiverStallTests
{
    [Fact]
    public async Task A_stalled_partition_is_not_read_and_its_records_are_delivered_once_the_stall_ends()
    {
        await using var rig = new ReceiverRig();
        await rig.AppendPageviewsAsync("e-1", "e-2");
        var receiver = await rig.StartReceiverAsync();

        rig.Stalls.Set(new Dictionary<int, DateTimeOffset> { [ReceiverRig.Partition.Partition] = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Assert.Equal(0, rig.Status.ReadPosition);

        rig.Stalls.Set(new Dictionary<int, DateTimeOffset>());
        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1", "e-2"], ReceiverRig.EventIds(read));
    }

    [Fact]
    public void A_stall_ends_at_its_end_time_and_never_touches_the_commands_topic()
    {
        var stalls = new PartitionStalls(TimeProvider.System);
        stalls.Set(new Dictionary<int, DateTimeOffset> { [0] = DateTimeOffset.UtcNow.AddHours(1), [1] = DateTimeOffset.UtcNow.AddSeconds(-1) });

        Assert.True(stalls.IsStalled(new TopicPartition(Topics.Events, 0)));
        Assert.False(stalls.IsStalled(new TopicPartition(Topics.Events, 1)));
        Assert.False(stalls.IsStalled(new TopicPartition(Topics.Commands, 0)));
    }
}
