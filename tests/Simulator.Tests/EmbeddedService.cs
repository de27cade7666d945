using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Tests;

/// <summary>The embedded service for simulator runs: the simulator talks to it through the test server's handler.</summary>
internal static class EmbeddedService
{
    public const string AdminKey = "sim-admin-key";
    public const string ClientKey = "sim-client-key";

    public static EmbeddedServiceFactory Create() =>
        new(new EmbeddedServiceOptions { AdminKey = AdminKey, ClientKey = ClientKey, TempFolder = "adorleans-sim-tests" });

    /// <summary>A simulator client for this service; <paramref name="wrap"/> can sit between them (to withhold events, say).</summary>
    public static ApiClient CreateApiClient(this EmbeddedServiceFactory service, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var handler = service.Server.CreateHandler();
        return new ApiClient(wrap?.Invoke(handler) ?? handler, service.Server.BaseAddress, service.AdminKey, service.ClientKey, new RunStats(), maxAttempts: 3);
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
}
