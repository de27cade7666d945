using AdOrleans.Grains;
using AdOrleans.Grains.Streams;
using Orleans.Runtime;

namespace AdOrleans.Streaming.Tests;

/// <summary>Each stream provider maps only its own topic's queues, each with the ring hash it has among all streamed topics.</summary>
public sealed class LogQueueMapperTests
{
    private const int Partitions = 4;

    [Fact]
    public void The_events_and_commands_providers_split_the_queues_of_all_topics_and_keep_their_ring_hashes()
    {
        var all = new LogQueueMapper(Partitions).GetAllQueues().ToList();
        var events = new LogQueueMapper(Partitions, [Topics.Events]);
        var commands = new LogQueueMapper(Partitions, [Topics.Commands]);

        Assert.All(events.GetAllQueues(), q => Assert.Equal(Topics.Events, events.PartitionOf(q).Topic));
        Assert.All(commands.GetAllQueues(), q => Assert.Equal(Topics.Commands, commands.PartitionOf(q).Topic));
        Assert.Equal(Partitions, events.GetAllQueues().Count());
        Assert.Equal(
            all.Select(q => (q, q.GetUniformHashCode())).Order(),
            events.GetAllQueues().Concat(commands.GetAllQueues()).Select(q => (q, q.GetUniformHashCode())).Order());
    }

    [Fact]
    public void A_stream_maps_to_its_partitions_queue_and_a_provider_refuses_a_stream_of_the_other_topic()
    {
        var events = new LogQueueMapper(Partitions, [Topics.Events]);
        var commands = new LogQueueMapper(Partitions, [Topics.Commands]);
        var campaign = StreamId.Create(StreamNamespaces.CampaignCommands, "c-42");

        var queue = commands.GetQueueForStream(campaign);

        Assert.Equal(new TopicPartition(Topics.Commands, KeyPartitioner.Partition("c-42", Partitions)), commands.PartitionOf(queue));
        Assert.Throws<InvalidOperationException>(() => events.GetQueueForStream(campaign));
    }
}
