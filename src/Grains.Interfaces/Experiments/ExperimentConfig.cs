namespace AdOrleans.Grains;

/// <summary>
/// An A/B experiment on one campaign (API.md "Marketing intelligence"): its variants are creatives of the campaign
/// with integer weights summing to 100. Fixed once created; docs/experiments.md.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentConfig
{
    public const string GrainType = "experiment";
    public const string KeyPrefix = "experiment:";

    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string CampaignId { get; init; }

    /// <summary><see cref="ExperimentMetrics.Ctr"/> or <see cref="ExperimentMetrics.Cvr"/>.</summary>
    [Id(2)]
    public required string Metric { get; init; }

    [Id(3)]
    public required IReadOnlyList<ExperimentVariant> Variants { get; init; }

    /// <summary>The horizon: no winner before every variant has this many trials (impressions for ctr, clicks for cvr).</summary>
    [Id(4)]
    public long MinSamplePerVariant { get; init; }

    /// <summary>Significance level of the single test at the horizon.</summary>
    [Id(5)]
    public double Alpha { get; init; }

    /// <summary>When the create command was issued; results count from this minute on.</summary>
    [Id(6)]
    public DateTimeOffset StartedAt { get; init; }
}

/// <summary>One arm: the creative a user assigned to it sees, and its share of users in percent.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentVariant([property: Id(0)] string Id, [property: Id(1)] string CreativeId, [property: Id(2)] int Weight);

/// <summary>
/// The one decision taken when the horizon was first seen reached (fixed-horizon test, no peeking): the winner, or
/// null when the test was not significant (or the split was broken) at that look.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentDecision(
    [property: Id(0)] DateTimeOffset DecidedAt, [property: Id(1)] string? Winner, [property: Id(2)] double PValue, [property: Id(3)] string Reason);

/// <summary>An experiment and its decision, as the grain stores it and the state topic carries it.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentLive([property: Id(0)] ExperimentConfig Config, [property: Id(1)] ExperimentDecision? Decision);

public static class ExperimentMetrics
{
    public const string Ctr = "ctr";
    public const string Cvr = "cvr";
}
