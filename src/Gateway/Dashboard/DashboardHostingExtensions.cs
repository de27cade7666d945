using AdOrleans.Gateway.Dashboard;
using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

public static class DashboardHostingExtensions
{
    /// <summary>Serves the operator dashboard at <c>/</c>; its files are embedded in the gateway assembly.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        return app;
    }

}
