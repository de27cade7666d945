using AdOrleans.Grains.Ads;
using AdOrleans.Grains.Alerts;
using AdOrleans.Grains.Privacy;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the product's grains need besides Orleans: the command log, the state-topic publisher and the alert webhook sender.</summary>
    public static IServiceCollection AddAdOrleansGrains(this IServiceCollection services)
    {
        services.AddSingleton<AdCommandLog>();
        services.AddSingleton<StatePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePublisher>());
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(AlertWebhookSender.ClientName);
        services.AddSingleton<AlertWebhookSender>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ErasureSteps>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWebhookSender>());
        return services;
    }
}
