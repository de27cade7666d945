using AdOrleans.Grains;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers every grain class of the product with its type name and the topics it consumes.</summary>
    public static IServiceCollection AddAdOrleansGrains(this IServiceCollection services)
    {
        services.AddGrain<IEventTotalsGrain, EventTotalsGrain>(EventTotals.GrainType, Topics.Events);
        services.AddGrain<AdOrleans.Grains.Kpi.IKpiAggregatorGrain, AdOrleans.Grains.Kpi.KpiAggregatorGrain>(AdOrleans.Grains.Kpi.IKpiAggregatorGrain.GrainType, Topics.Events);
        services.AddAdServingGrains();
        return services;
    }
}
