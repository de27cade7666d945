using AdOrleans.Grains.Lake;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Lake;

/// <summary>
/// Wakes the billing archiver every <see cref="LakeOptions.MaintenanceInterval"/> (each silo does; the grain is one per
/// cluster and its work idempotent, so extra wake-ups cost a look at the clock).
/// </summary>
public sealed partial class LakeBillingTicker(IGrainFactory grains, IOptions<LakeOptions> options, ILogger<LakeBillingTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<ILakeBillingArchiverGrain>(ILakeBillingArchiverGrain.Key).ArchiveAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store or the cluster may be down for a while; the next tick tries again from the stored hour.
                Log.Failed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Archiving billing lines to the lake failed; retrying at the next tick")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}
