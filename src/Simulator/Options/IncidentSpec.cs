namespace AdOrleans.Simulator.Options;

/// <summary>The kinds of incident the simulator can stage (docs/simulator.md, "Incidents").</summary>
public static class IncidentKinds
{
    /// <summary>Clicks of one campaign (or of every campaign when no target is named) drop to Factor × its CTR (default 0) while impressions go on.</summary>
    public const string CtrCollapse = "ctr-collapse";

    /// <summary>The whole event rate × Factor (default 4).</summary>
    public const string TrafficSpike = "traffic-spike";

    /// <summary>The service stops reading the log partition holding one key (a campaign id or <c>channel:&lt;channel&gt;</c>): its lag grows.</summary>
    public const string StalledPartition = "stalled-partition";

    public static readonly IReadOnlyList<string> All = [CtrCollapse, TrafficSpike, StalledPartition];

    public static double DefaultFactor(string kind) => kind == TrafficSpike ? 4 : 0;
}

/// <summary>One staged incident: what, on which target, from when (after the run starts, real time) and for how long.</summary>
public sealed class IncidentSpec
{
    public string Kind { get; set; } = "";

    /// <summary>Campaign id for <c>ctr-collapse</c> (none: every campaign); partition key for <c>stalled-partition</c>; unused for a spike.</summary>
    public string? Target { get; set; }

    public TimeSpan StartsAfter { get; set; }

    public TimeSpan Length { get; set; }

    /// <summary>Rate multiplier of a spike, CTR multiplier of a collapse; null takes <see cref="IncidentKinds.DefaultFactor"/>.</summary>
    public double? Factor { get; set; }

    public double EffectiveFactor => Factor ?? IncidentKinds.DefaultFactor(Kind);

    public override string ToString() =>
        $"{Kind}{(Target is null ? "" : ":" + Target)} at +{StartsAfter.TotalSeconds:0.#}s for {Length.TotalSeconds:0.#}s (factor {EffectiveFactor:0.##})";
}
