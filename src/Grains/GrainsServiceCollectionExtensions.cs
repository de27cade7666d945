using AdOrleans.Grains.Ads;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the product's grains need besides Orleans: the command log and the state-topic publisher.</summary>
    public static IServiceCollection AddAdOrleansGrains(this IServiceCollection services)
    {
        services.AddSingleton<AdCommandLog>();
        services.AddSingleton<StatePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePublisher>());
        return services;
    }
}
