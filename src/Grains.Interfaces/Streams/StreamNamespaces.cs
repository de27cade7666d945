namespace AdOrleans.Grains.Streams;

/// <summary>
/// One stream namespace per consuming grain kind and topic, so no grain sees (or has to filter) another kind's
/// records. The stream key is the grain key.
/// </summary>
public static class StreamNamespaces
{
    public const string ProviderName = "log";

    public const string EventTotals = "events.totals";
    public const string Kpi = "events.kpi";
    public const string CampaignEvents = "events.campaign";
    public const string CampaignCommands = "commands.campaign";
    public const string SlotCommands = "commands.slot";
    public const string SegmentCommands = "commands.segment";
}
