using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Alerts;

namespace AdOrleans.Silo.Alerts;

/// <summary>
/// Hands the buckets this silo committed to the alert registry, which wakes the rules whose scope they touch: alerts
/// are evaluated as KPI changes are committed, not by polling. Learns every second whether any KPI rule exists, so
/// silos record committed buckets (<see cref="AdOrleans.Persistence.KpiChangeTracker"/>) only when someone needs them.
/// </summary>
public sealed partial class AlertTrigger(AlertRuleWatch watch, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<AlertTrigger> logger)
    : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private bool _failing;

    public async Task NotifyAsync(IReadOnlyCollection<KpiBucketKey> buckets)
    {
        if (!watch.Active)
        {
            return;
        }

        try
        {
            await Registry().OnCommittedAsync([.. buckets]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.NotifyFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KpiRelayStart.WhenStartedAsync(lifetime, stoppingToken);
        using var timer = new PeriodicTimer(Refresh);
        do
        {
            try
            {
                watch.Active = await Registry().HasKpiRulesAsync();
                _failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!_failing)
                {
                    Log.RefreshFailed(logger, e);
                }

                _failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IAlertRegistryGrain Registry() => grains.GetGrain<IAlertRegistryGrain>(IAlertRegistryGrain.Key);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not tell the alert registry about committed KPI buckets; rules evaluate on the next commit")]
        public static partial void NotifyFailed(ILogger logger, Exception e);

        [LoggerMessage(LogLevel.Warning, "Could not ask the alert registry whether KPI rules exist")]
        public static partial void RefreshFailed(ILogger logger, Exception e);
    }
}
