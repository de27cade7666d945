using AdOrleans.Gateway.Alerts;
using AdOrleans.Gateway.Events;
using AdOrleans.Gateway.Kpi;
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
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapEventEndpoints();
        app.MapDashboard();
        app.MapKpiEndpoints();
        app.MapAlertEndpoints();
        return app;
    }
}
