using AdOrleans.Silo.Operations;

namespace Microsoft.Extensions.Hosting;

public static class OperationsHostingExtensions
{
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOperationsEndpoints();
        app.MapClusterHistory();
        return app;
    }
}
