using AdOrleans.Silo.Operations;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.Options;

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
            app.MapOrleansDashboardOnFirstVisit();
        }

        return app;
    }
}
