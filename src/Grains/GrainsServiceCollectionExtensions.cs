using AdOrleans.Grains.Ads;
using AdOrleans.Grains.Alerts;
using AdOrleans.Grains.Automation;
using AdOrleans.Grains.Ctr;
using AdOrleans.Grains.Privacy;
using AdOrleans.Grains.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// What the product's grains need besides Orleans: the command log, the state-topic publisher, the signed webhook
    /// sender (alerts and automation), the alert notifier (webhooks, email), the automation rule watch and action runner,
    /// the CTR model's options.
    /// </summary>
    public static IServiceCollection AddAdOrleansGrains(this IServiceCollection services)
    {
        services.AddSingleton<AdCommandLog>();
        services.AddSingleton<StatePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePublisher>());
        services.AddOptions<CtrOptions>().BindConfiguration(CtrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertSmtpOptions>().BindConfiguration(AlertSmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertSmtpOptions>, AlertSmtpOptionsValidator>();
        services.AddHttpClient(SignedWebhookSender.ClientName);
        services.AddSingleton<SignedWebhookSender>();
        services.AddSingleton<AlertEmailSender>();
        services.AddSingleton<AlertNotifier>();
        services.AddOptions<AutomationOptions>().BindConfiguration(AutomationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AutomationActions>();
        services.AddSingleton<AutomationWatch>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ErasureSteps>();
        services.AddHostedService(sp => sp.GetRequiredService<SignedWebhookSender>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<AutomationWatch>());
        return services;
    }
}
