namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Turns the events of one log key (a campaign, or <c>channel:&lt;channel&gt;</c>) into KPI rollup rows,
/// written with its state in one transaction. Readers query the rows, not the grain.
/// </summary>
public interface IKpiAggregatorGrain : IGrainWithStringKey
{
    public const string GrainType = "kpi";

    Task<KpiAggregatorStatus> GetStatusAsync();
}

/// <summary>What an aggregator has seen: counted, duplicate, restated (late but in window) and too-late events.</summary>
[GenerateSerializer, Immutable]
public sealed record KpiAggregatorStatus(
    [property: Id(0)] long Events,
    [property: Id(1)] long Duplicates,
    [property: Id(2)] long Restated,
    [property: Id(3)] long TooLate,
    [property: Id(4)] DateTimeOffset? Watermark);
