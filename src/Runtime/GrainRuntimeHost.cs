using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Runtime;

/// <summary>Collects idle activations periodically and deactivates every grain when the process stops.</summary>
internal sealed partial class GrainRuntimeHost(GrainCatalog catalog, IOptions<GrainRuntimeOptions> options, ILogger<GrainRuntimeHost> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var collected = catalog.CollectIdleActivations();
                if (collected > 0)
                {
                    Log.Collecting(logger, collected);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Log.Deactivating(logger, catalog.ActivationCount);
        try
        {
            await catalog.DeactivateAsync(DeactivationReason.Shutdown).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Log.DeactivationTimedOut(logger, catalog.ActivationCount);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "Deactivating {Count} idle activations")]
        public static partial void Collecting(ILogger logger, int count);

        [LoggerMessage(LogLevel.Warning, "{Count} activations were still deactivating when the shutdown timeout passed")]
        public static partial void DeactivationTimedOut(ILogger logger, int count);

        [LoggerMessage(LogLevel.Information, "Deactivating {Count} activations for shutdown")]
        public static partial void Deactivating(ILogger logger, int count);
    }
}
