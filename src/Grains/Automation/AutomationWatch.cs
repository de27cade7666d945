using AdOrleans.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// Whether any automation rule exists, as this silo last heard (every <see cref="AutomationOptions.WatchInterval"/>):
/// the partition aggregators forward users' events to the automation shards only then, so a cluster without rules pays
/// nothing. When it first hears of rules (at start, after a restart) it wakes every shard, so open inactivity waits
/// get their timers back without waiting for the users' next events.
/// </summary>
public sealed partial class AutomationWatch(
    IGrainFactory grains, IPartitionedLog log, IOptions<AutomationOptions> options, IHostApplicationLifetime lifetime, ILogger<AutomationWatch> logger)
    : BackgroundService
{
    public bool Active { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var woken = false;
        using var timer = new PeriodicTimer(options.Value.WatchInterval);
        do
        {
            try
            {
                Active = await grains.GetGrain<IAutomationRegistryGrain>(IAutomationRegistryGrain.Key).HasRulesAsync();
                if (Active && !woken)
                {
                    await Task.WhenAll(Enumerable.Range(0, log.PartitionCount(Topics.Events)).Select(s =>
                        grains.GetGrain<IAutomationShardGrain>(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).WakeAsync()));
                    woken = true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.RefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not ask the automation registry whether rules exist")]
        public static partial void RefreshFailed(ILogger logger, Exception e);
    }
}
