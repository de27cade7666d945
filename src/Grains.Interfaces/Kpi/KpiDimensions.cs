namespace AdOrleans.Grains.Kpi;

/// <summary>What a rollup row is about. Stored as text in the rollup table.</summary>
public static class KpiDimensions
{
    public const string Campaign = "campaign";
    public const string Channel = "channel";
    public const string Slot = "slot";
    public const string Segment = "segment";
    public const string Creative = "creative";

    /// <summary>The auction's geo code, upper-cased (US); see <see cref="Unknown"/> and <see cref="Other"/>.</summary>
    public const string Geo = "geo";

    /// <summary>The auction's device, lower-cased (mobile); see <see cref="Unknown"/> and <see cref="Other"/>.</summary>
    public const string Device = "device";

    /// <summary>The geo or device id of events that carry none (older tokens and events, requests without one).</summary>
    public const string Unknown = "unknown";

    /// <summary>The geo or device id of values beyond the per-day cap (docs/kpi.md, "Geo and device").</summary>
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Campaign, Channel, Slot, Segment, Creative, Geo, Device];
}

/// <summary>One (dimension, id) an event is counted under, e.g. (channel, display).</summary>
public readonly record struct KpiDimensionKey(string Dimension, string Id);
