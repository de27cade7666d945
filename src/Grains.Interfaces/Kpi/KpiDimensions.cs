namespace AdOrleans.Grains.Kpi;

/// <summary>What a rollup row is about. Stored as text in the rollup table.</summary>
public static class KpiDimensions
{
    public const string Campaign = "campaign";
    public const string Channel = "channel";
    public const string Slot = "slot";
    public const string Segment = "segment";
    public const string Creative = "creative";

    public static readonly IReadOnlyList<string> All = [Campaign, Channel, Slot, Segment, Creative];
}

/// <summary>One (dimension, id) an event is counted under, e.g. (channel, display).</summary>
public readonly record struct KpiDimensionKey(string Dimension, string Id);
