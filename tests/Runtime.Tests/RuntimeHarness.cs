using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdOrleans.Runtime.Tests;

/// <summary>A started host with the grain runtime, an in-memory log and store, and the test grains.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private RuntimeHarness(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public GrainCatalog Catalog => _host.Services.GetRequiredService<GrainCatalog>();

    public IGrainStateStore Store => _host.Services.GetRequiredService<IGrainStateStore>();

    public IPartitionedLog Log => _host.Services.GetRequiredService<IPartitionedLog>();

    public PartitionHost Partitions => _host.Services.GetRequiredService<PartitionHost>();

    public static async Task<RuntimeHarness> StartAsync(
        Dictionary<string, string?>? settings = null, IGrainStateStore? store = null, IPartitionedLog? log = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton(store ?? new InMemoryGrainStateStore());
        builder.Services.AddSingleton(log ?? new InMemoryLog(new Dictionary<string, int> { ["events"] = 4 }));
        builder.Services.AddGrainRuntime();
        builder.Services.AddPartitionHost();
        builder.Services.AddGrain<ICounterGrain, CounterGrain>("counter", "events");
        builder.Services.AddGrain<ITurnProbeGrain, TurnProbeGrain>("probe");
        builder.Services.AddGrain<ITimerGrain, TimerGrain>("timer");
        builder.Services.AddGrain<IOrderGrain, OrderGrain>("order");
        var host = builder.Build();
        await host.StartAsync();
        return new RuntimeHarness(host);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
