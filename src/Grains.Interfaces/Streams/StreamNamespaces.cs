namespace AdOrleans.Grains.Streams;

/// <summary>
/// One stream namespace per consuming grain kind and topic, so no grain sees (or has to filter) another kind's
/// records. The stream key is the grain key: a log key, or the partition for grains that aggregate a whole partition.
/// </summary>
public static class StreamNamespaces
{
    /// <summary>The stream provider of the events topic.</summary>
    public const string ProviderName = "log";

    /// <summary>The stream provider of the commands topic: the same log, polled less often (<c>Streams:CommandsPollPeriod</c>).</summary>
    public const string CommandsProviderName = "log-commands";

    /// <summary>Every event of a partition, keyed <c>events/&lt;partition&gt;</c> (see <see cref="EventAggregators"/>).</summary>
    public const string EventAggregates = "events.aggregates";

    /// <summary>The events a campaign bills (impressions, clicks, conversions), keyed by campaign id.</summary>
    public const string CampaignEvents = "events.campaign";
    public const string CampaignCommands = "commands.campaign";
    public const string SlotCommands = "commands.slot";
    public const string SegmentCommands = "commands.segment";
    public const string ExperimentCommands = "commands.experiment";
}
