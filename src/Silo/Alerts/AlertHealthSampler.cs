using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Alerts;
using AdOrleans.Silo.Operations;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace AdOrleans.Silo.Alerts;

/// <summary>
/// Every <see cref="AlertOptions.HealthInterval"/>, sends the registry what this silo sees of the pipeline's health:
/// the lag of the log partitions it owns, the dead letters in the store, and the silos membership lists as not active
/// that were alive within <see cref="RecentlyDown"/>. The only timer of alerting: these gauges change without any KPI commit.
/// </summary>
public sealed partial class AlertHealthSampler(
    ClusterStatus status, IGrainFactory grains, IOptions<AlertOptions> options, IHostApplicationLifetime lifetime, ILogger<AlertHealthSampler> logger)
    : BackgroundService
{
    /// <summary>Membership keeps dead silos listed for days: only those alive within this window count as down, not last week's restarts.</summary>
    public static readonly TimeSpan RecentlyDown = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KpiRelayStart.WhenStartedAsync(lifetime, stoppingToken);
        var interval = options.Value.HealthInterval;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var partitions = await status.PartitionsAsync(stoppingToken);
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
                var since = DateTime.UtcNow - RecentlyDown;
                var sample = new Dictionary<string, double>
                {
                    [AlertMetrics.Lag] = partitions.Sum(p => p.Lag),
                    [AlertMetrics.DeadLetters] = await status.CountDeadLettersAsync(stoppingToken),
                    [AlertMetrics.SilosDown] = hosts.Count(h => h.Status != SiloStatus.Active && h.IAmAliveTime > since),
                };
                await grains.GetGrain<IAlertRegistryGrain>(IAlertRegistryGrain.Key).OnHealthAsync(KpiChangeRelay.ThisProcess, sample, interval * 3);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SampleFailed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not sample pipeline health for alert rules")]
        public static partial void SampleFailed(ILogger logger, Exception e);
    }
}
