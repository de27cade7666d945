namespace AdOrleans.Silo.Hosting;

/// <summary>
/// Connects a gateway-only process's Orleans client in the background. Orleans' own hosted client blocks the host's
/// start until some silo answers, but a gateway must serve events (they go to the log) and its auction index while
/// no silo runs; calls that need a grain answer 503 until the client is connected.
/// </summary>
internal sealed class ClusterClientConnector(IClusterClient client) : BackgroundService
{
    private IHostedService Client => (IHostedService)client;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Client.StartAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Client.StopAsync(cancellationToken);
    }
}
