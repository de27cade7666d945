namespace AdOrleans.Streaming;

/// <summary>The inverse of <see cref="LogRouting"/>: the topic and log key a stream's records come from.</summary>
internal static class StreamLogKeys
{
    public static (string Topic, string LogKey) Of(StreamId streamId)
    {
        var ns = streamId.GetNamespace() ?? "";
        var key = streamId.GetKeyAsString();
        return ns switch
        {
            StreamNamespaces.SlotCommands => (Topics.Commands, SlotConfig.KeyPrefix + key),
            StreamNamespaces.SegmentCommands => (Topics.Commands, SegmentConfig.KeyPrefix + key),
            StreamNamespaces.CampaignCommands => (Topics.Commands, key),
            _ => (Topics.Events, key),
        };
    }
}
