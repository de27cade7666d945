namespace AdOrleans.Streaming;

/// <summary>The inverse of <see cref="LogRouting"/>: the topic and partition a stream's records come from.</summary>
internal static class StreamLogKeys
{
    public static TopicPartition Of(StreamId streamId, int partitionCount)
    {
        var ns = streamId.GetNamespace() ?? "";
        var key = streamId.GetKeyAsString();
        return ns switch
        {
            StreamNamespaces.EventAggregates => new(Topics.Events, EventAggregators.PartitionOf(key)),
            StreamNamespaces.SlotCommands => OfLogKey(Topics.Commands, SlotConfig.KeyPrefix + key, partitionCount),
            StreamNamespaces.SegmentCommands => OfLogKey(Topics.Commands, SegmentConfig.KeyPrefix + key, partitionCount),
            StreamNamespaces.ExperimentCommands => OfLogKey(Topics.Commands, ExperimentConfig.KeyPrefix + key, partitionCount),
            StreamNamespaces.CampaignCommands => OfLogKey(Topics.Commands, key, partitionCount),
            _ => OfLogKey(Topics.Events, key, partitionCount),
        };
    }

    private static TopicPartition OfLogKey(string topic, string logKey, int partitionCount) => new(topic, KeyPartitioner.Partition(logKey, partitionCount));
}
