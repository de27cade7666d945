using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.Simulator.Tests;

/// <summary>The embedded service in-process on a fresh data directory, with known keys; the simulator talks to it through the test server's handler.</summary>
public sealed class EmbeddedService : WebApplicationFactory<Program>
{
    public const string AdminKey = "sim-admin-key";
    public const string ClientKey = "sim-client-key";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-sim-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", _dataDirectory);
        builder.UseSetting("Auth:AdminKeys", AdminKey);
        builder.UseSetting("Auth:ClientKeys", ClientKey);
        builder.UseSetting("Log:Partitions", "4");
    }

    /// <summary>A simulator client for this service; <paramref name="wrap"/> can sit between them (to withhold events, say).</summary>
    public ApiClient CreateApiClient(Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var handler = Server.CreateHandler();
        return new ApiClient(wrap?.Invoke(handler) ?? handler, Server.BaseAddress, AdminKey, ClientKey, new RunStats(), maxAttempts: 3);
    }

    public static SimulatorOptions ShortRun(int seed) => new()
    {
        EventsPerSecond = 2000,
        Duration = TimeSpan.FromSeconds(2),
        TimeScale = 60,
        Seed = seed,
        Users = 500,
        BatchSize = 200,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
