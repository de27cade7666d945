namespace AdOrleans.Grains.Streams;

/// <summary>Which streams a log record goes to: (namespace, grain key) pairs for its topic, partition and log key.</summary>
public static class LogRouting
{
    public static void Route(LogEntry entry, List<(string Namespace, string Key)> into)
    {
        var logKey = entry.Key;
        switch (entry.Topic)
        {
            case Topics.Events:
                into.Add((StreamNamespaces.EventAggregates, EventAggregators.KeyOf(entry.Partition)));
                if (entry.Event is { Type: EventTypes.Impression or EventTypes.Click or EventTypes.Conversion } && !logKey.Contains(':', StringComparison.Ordinal))
                {
                    into.Add((StreamNamespaces.CampaignEvents, logKey));
                }

                break;
            case Topics.Commands when logKey.StartsWith(SlotConfig.KeyPrefix, StringComparison.Ordinal):
                into.Add((StreamNamespaces.SlotCommands, logKey[SlotConfig.KeyPrefix.Length..]));
                break;
            case Topics.Commands when logKey.StartsWith(SegmentConfig.KeyPrefix, StringComparison.Ordinal):
                into.Add((StreamNamespaces.SegmentCommands, logKey[SegmentConfig.KeyPrefix.Length..]));
                break;
            case Topics.Commands when logKey.StartsWith(ExperimentConfig.KeyPrefix, StringComparison.Ordinal):
                into.Add((StreamNamespaces.ExperimentCommands, logKey[ExperimentConfig.KeyPrefix.Length..]));
                break;
            case Topics.Commands when !logKey.Contains(':', StringComparison.Ordinal):
                into.Add((StreamNamespaces.CampaignCommands, logKey));
                break;
        }
    }

    /// <summary>The topics whose records travel as streams (the others are read directly, like the state topic).</summary>
    public static readonly IReadOnlyList<string> StreamedTopics = [Topics.Commands, Topics.Events];
}
