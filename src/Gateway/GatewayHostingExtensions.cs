using AdOrleans.Gateway.Alerts;
using AdOrleans.Gateway.Audiences;
using AdOrleans.Gateway.Attribution;
using AdOrleans.Gateway.Audit;
using AdOrleans.Gateway.Automation;
using AdOrleans.Gateway.Dashboard;
using AdOrleans.Gateway.Events;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Gateway.Lake;
using AdOrleans.Gateway.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>The client- and operator-facing HTTP API: auth and everything the endpoints need.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddIntegrations();
        builder.Services.AddSingleton<UserExporter>();
        // The product's API only: the Orleans dashboard's own routes are its UI's, not a contract.
        builder.Services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("orleans", StringComparison.OrdinalIgnoreCase) != true);
        return builder;
    }

    /// <summary>The gateway's endpoints, and the audit of admin and advertiser changes (after authorization, before the endpoints).</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        // The contract as a document (GET /openapi/v1.json); it holds no data, so no key is needed to read it.
        app.MapOpenApi();
        app.MapAuditEndpoints();
        app.MapEventEndpoints();
        app.MapDashboard();
        app.MapDashboardViewEndpoints();
        app.MapKpiEndpoints();
        app.MapSentimentEndpoints();
        app.MapAttributionEndpoints();
        app.MapBudgetEndpoints();
        app.MapAlertEndpoints();
        app.MapIntegrations();
        app.MapAutomationEndpoints();
        app.MapClusterEndpoints();
        app.MapUserSegmentEndpoints();
        app.MapLakeEndpoints();
        app.MapUserPrivacyEndpoints();
        return app;
    }
}
