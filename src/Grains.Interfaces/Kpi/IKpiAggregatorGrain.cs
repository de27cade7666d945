using AdOrleans.Runtime;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Turns the events of one log key (a campaign, or <c>channel:&lt;channel&gt;</c>) into KPI rollup rows.
/// Nobody calls it: it only consumes the events topic; readers query the rows in the store.
/// </summary>
public interface IKpiAggregatorGrain : ILogConsumerGrain
{
    public const string GrainType = "kpi";
}
