using AdOrleans.Grains;
using AdOrleans.Grains.Ads;
using AdOrleans.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

public static class AdServingGrainsExtensions
{
    /// <summary>Campaign, slot and segment grains, and the publisher that puts their committed state on the state topic.</summary>
    public static IServiceCollection AddAdServingGrains(this IServiceCollection services)
    {
        services.AddGrain<ICampaignGrain, CampaignGrain>(CampaignGrainState.GrainType, Topics.Commands, Topics.Events);
        services.AddGrain<IAdSlotGrain, AdSlotGrain>(SlotConfig.GrainType, Topics.Commands);
        services.AddGrain<IUserSegmentGrain, UserSegmentGrain>(SegmentConfig.GrainType, Topics.Commands);
        services.AddSingleton<StatePublisher>();
        services.AddSingleton<IPartitionCommitObserver>(sp => sp.GetRequiredService<StatePublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<StatePublisher>());
        return services;
    }
}
