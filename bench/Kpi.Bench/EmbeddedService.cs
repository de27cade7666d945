using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.Kpi.Bench;

/// <summary>The embedded service in-process on a data directory, with bench keys and quiet logging.</summary>
internal sealed class EmbeddedService(string directory) : WebApplicationFactory<Program>
{
    public const string AdminKey = "bench-admin";
    public const string ClientKey = "bench-client";

    public HttpClient CreateClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("DataDirectory", directory);
        builder.UseSetting("Auth:AdminKeys", AdminKey);
        builder.UseSetting("Auth:ClientKeys", ClientKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware", "Error");
    }
}
