using System.Threading.Channels;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Silo.Alerts;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Kpi;

/// <summary>
/// After a group commit, hands the buckets its aggregators wrote to the <see cref="KpiChangePublisher"/> (never
/// blocks the committer).
/// </summary>
public sealed class KpiCommitObserver(KpiChangeTracker changes) : IStateCommitObserver
{
    private readonly Channel<HashSet<KpiBucketKey>> _committed = Channel.CreateUnbounded<HashSet<KpiBucketKey>>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<HashSet<KpiBucketKey>> Committed => _committed.Reader;

    public void OnCommitted(IReadOnlyList<StateId> states)
    {

        HashSet<KpiBucketKey>? buckets = null;
        foreach (var grain in states)
        {
            if (grain.Type == IEventAggregatorGrain.GrainType)
            {
                changes.TakeInto(grain.Key, buckets ??= []);
            }
        }

        if (buckets is { Count: > 0 })
        {
            _committed.Writer.TryWrite(buckets);
        }
    }
}

/// <summary>
/// Hands the buckets this silo committed to the local feed, to the alert rules (<see cref="AlertTrigger"/>) and, while some process has stream clients, to the
/// cluster's relay (<see cref="IKpiChangeHubGrain"/>); learns every <see cref="KpiChangeRelay.RenewEvery"/> whether
/// anyone does (<see cref="KpiRelayState.HubWanted"/>), and passes on gaps: commits made while nobody did.
/// </summary>
public sealed partial class KpiChangePublisher(
    KpiCommitObserver observer, KpiFeedUpdater local, KpiRelayState relay, AlertTrigger alerts, IGrainFactory grains, IHostApplicationLifetime lifetime,
    ILogger<KpiChangePublisher> logger) : BackgroundService
{
    /// <summary>Whether a relay call ever succeeded: failures while the silo is still starting are not worth a warning.</summary>
    private bool _reached;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(PublishAsync(stoppingToken), WatchAsync(stoppingToken));

    private async Task PublishAsync(CancellationToken stoppingToken)
    {
        var reader = observer.Committed;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var buckets = new HashSet<KpiBucketKey>();
            while (reader.TryRead(out var more))
            {
                buckets.UnionWith(more);
            }

            local.Enqueue(buckets);
            await alerts.NotifyAsync(buckets);
            if (relay.HubWanted)
            {
                await RelayAsync(hub => hub.PublishAsync(KpiChangeRelay.ThisProcess, [.. buckets]));
            }
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        await KpiRelayStart.WhenStartedAsync(lifetime, stoppingToken);
        using var timer = new PeriodicTimer(KpiChangeRelay.RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RelayAsync(async hub => relay.HubWanted = await hub.IsWantedAsync());
        }
    }

    /// <summary>A pending gap goes first; a failed call leaves (or makes) one pending, for the next tick.</summary>
    private async Task RelayAsync(Func<IKpiChangeHubGrain, Task> call)
    {
        var hub = grains.Hub();
        try
        {
            if (relay.TakeGap())
            {
                await hub.GapAsync(KpiChangeRelay.ThisProcess);
            }

            await call(hub);
            _reached = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            relay.MarkGap();
            if (_reached)
            {
                Log.RelayFailed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not reach the KPI change relay; other processes' stream clients are told to refetch once it is back")]
        public static partial void RelayFailed(ILogger logger, Exception e);
    }
}
