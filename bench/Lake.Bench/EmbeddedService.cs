using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.Lake.Bench;

/// <summary>The embedded service in-process on a data directory, quiet logging, archivers flushing every second (or the lake off).</summary>
internal sealed class EmbeddedService(string directory, bool lake) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("DataDirectory", directory);
        builder.UseSetting("Auth:AdminKeys", "bench-admin");
        builder.UseSetting("Auth:ClientKeys", "bench-client");
        builder.UseSetting("Lake:FlushInterval", "00:00:01");
        builder.UseSetting("Lake:Enabled", lake ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware", "Error");
    }
}
