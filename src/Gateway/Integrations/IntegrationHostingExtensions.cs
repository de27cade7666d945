using AdOrleans.Gateway.Integrations;
using AdOrleans.Gateway.Integrations.Imports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class IntegrationHostingExtensions
{
    /// <summary>Inbound integrations: signed webhooks, CSV imports (run in the background), GA4 Measurement Protocol.</summary>
    public static IHostApplicationBuilder AddIntegrations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntegrationOptions>().BindConfiguration(IntegrationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IntegrationOptions>, IntegrationOptionsValidator>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ImportRunner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder routes)
    {
        routes.MapWebhookEndpoints();
        routes.MapImportEndpoints();
        routes.MapMeasurementProtocol();
        return routes;
    }
}
