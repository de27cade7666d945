namespace AdOrleans.Grains.Kpi;

/// <summary>What the KPI aggregation saw of one log key: counted, duplicate, restated (late but in window) and too-late events.</summary>
[GenerateSerializer, Immutable]
public sealed record KpiAggregatorStatus(
    [property: Id(0)] long Events,
    [property: Id(1)] long Duplicates,
    [property: Id(2)] long Restated,
    [property: Id(3)] long TooLate,
    [property: Id(4)] DateTimeOffset? Watermark);
