using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// Connects a gateway-only process's Orleans client without letting it hold the process hostage. Orleans' own hosted
/// client blocks the host's start until some silo answers, but a gateway must serve events (they go to the log) and
/// its auction index while no silo runs. So the start waits for the connection only up to
/// <see cref="OrleansOptions.ClientConnectTimeout"/> (a running cluster answers well within it), then goes on
/// connecting in the background; until then calls that need a grain answer 503 and /readyz answers 503, so a new
/// gateway pod that cannot reach the silos (a bad rollout, a NetworkPolicy) never replaces one that can. Once
/// connected it stays ready: Orleans' client finds other silos by itself, and events and auctions need none.
/// </summary>
public sealed class ClusterClientConnector(IClusterClient client, IOptions<OrleansOptions> options) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;

    public bool Connected => _connecting.IsCompletedSuccessfully;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = ((IHostedService)client).StartAsync(_stopping.Token);
        await Task.WhenAny(_connecting, Task.Delay(options.Value.ClientConnectTimeout, cancellationToken));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting.ContinueWith(static _ => { }, TaskScheduler.Default);
        try
        {
            await ((IHostedService)client).StopAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // Orleans 10.4's GatewayManager.StopAsync waits for its refresh task with the stop token; when the host
            // already disposed that token's source (its stop ran long: the silos went away first, seen in CI),
            // WaitAsync throws this. The client's timers are disposed by then, and a host's stop must not throw.
        }

        _stopping.Dispose();
    }
}
