using AdOrleans.Silo.Operations;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Microsoft.Extensions.Hosting;

public static class OperationsHostingExtensions
{
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.Services.GetRequiredService<OperationsMetrics>();
        app.MapOperationsEndpoints();
        app.MapClusterHistory();
        app.MapPartitionStallEndpoints();
        if (app.Services.GetService<Orleans.Runtime.ILocalSiloDetails>() is not null && app.Services.GetService<IOptions<OrleansOptions>>()?.Value.Dashboard == true)
        {
            // Orleans' own dashboard on the service's port, for operators (admin key; the browser sends the sign-in cookie).
            app.MapOrleansDashboard(AdOrleans.Gateway.Auth.OrleansDashboard.Path).RequireAuthorization(AdOrleans.Gateway.Auth.Policies.Admin);
        }

        return app;
    }
}
