using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Streams;
using AdOrleans.Streaming;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// Learns the cluster's staged stalls (<see cref="IPartitionStallGrain"/>) once a second for this silo's receivers,
/// which must not wait on a grain call in every poll.
/// </summary>
public sealed partial class PartitionStallWatch(
    PartitionStalls stalls, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<PartitionStallWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KpiRelayStart.WhenStartedAsync(lifetime, stoppingToken);
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                stalls.Set(await grains.GetGrain<IPartitionStallGrain>(IPartitionStallGrain.Key).ActiveAsync());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReadFailed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not read the staged partition stalls")]
        public static partial void ReadFailed(ILogger logger, Exception e);
    }
}
