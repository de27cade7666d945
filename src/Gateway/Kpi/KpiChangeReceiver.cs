using AdOrleans.Gateway.Alerts;
using AdOrleans.Grains.Alerts;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// This process's end of the cluster's KPI change relay (<see cref="IKpiChangeHubGrain"/>): renews its lease every
/// <see cref="KpiChangeRelay.RenewEvery"/>, telling the hub whether the feed has clients, and hands the buckets other
/// processes committed to the <see cref="KpiFeedUpdater"/> and alerts to the <see cref="AlertFeed"/>. Whenever changes may have passed it by (the hub forgot
/// it, or it could not renew), it marks a gap, so a client resuming from before is told to refetch. Its object
/// reference lives as long as the process's Orleans runtime: the hub drops the lease once renewals stop.
/// </summary>
public sealed partial class KpiChangeReceiver(
    IGrainFactory grains, KpiChangeFeed feed, KpiFeedUpdater updater, AlertFeed alerts, IHostApplicationLifetime lifetime, ILogger<KpiChangeReceiver> logger)
    : BackgroundService, IKpiChangeReceiver
{
    private IKpiChangeReceiver? _reference;

    public Task OnChangedAsync(KpiBucketKey[] buckets)
    {
        updater.Enqueue(buckets);
        return Task.CompletedTask;
    }

    public Task OnGapAsync()
    {
        feed.MarkGap();
        return Task.CompletedTask;
    }

    public Task OnAlertAsync(Alert alert)
    {
        alerts.Publish(alert);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KpiRelayStart.WhenStartedAsync(lifetime, stoppingToken);
        var joined = false;
        var failing = false;
        using var timer = new PeriodicTimer(KpiChangeRelay.RenewEvery);
        do
        {
            try
            {
                _reference ??= grains.CreateObjectReference<IKpiChangeReceiver>(this);
                var lease = await grains.Hub().SubscribeAsync(KpiChangeRelay.ThisProcess, _reference, feed.HasListeners);
                if (joined && !lease.Known)
                {
                    feed.MarkGap();
                    Log.Rejoined(logger);
                }

                joined = true;
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                feed.MarkGap();
                if (!failing && joined)
                {
                    Log.RenewFailed(logger, e);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "The KPI change relay had forgotten this process (hub restarted or lease lapsed); stream clients are told to refetch")]
        public static partial void Rejoined(ILogger logger);

        [LoggerMessage(LogLevel.Warning, "Could not renew this process's lease on the KPI change relay; stream clients are told to refetch until it is back")]
        public static partial void RenewFailed(ILogger logger, Exception e);
    }
}
