using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Streaming;
using Orleans.Runtime;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// This process's view of the cluster for the dashboard, /metrics and readiness: the queues (log partitions) its
/// silo reads with their checkpoints and lag, and its grain types with activations (from Orleans' management
/// grain) and delivery figures (from <see cref="DeliveryMetrics"/>). A gateway-only process has neither.
/// </summary>
public sealed class ClusterStatus(IServiceProvider services, IPartitionedLog log)
{
    public async Task<IReadOnlyList<PartitionStatus>> PartitionsAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<LogQueueStatuses>() is not { } queues)
        {
            return [];
        }

        var partitions = new List<PartitionStatus>();
        foreach (var queue in queues.All.Where(q => q.Owned))
        {
            var end = await log.EndOffsetAsync(queue.Partition, cancellationToken);
            partitions.Add(new PartitionStatus(queue.Partition.Topic, queue.Partition.Partition, queue.Checkpoint, end, Math.Max(0, end - queue.Checkpoint),
                queue.ReadPosition, queue.DuplicatesDropped));
        }

        return partitions;
    }

    public async Task<IReadOnlyList<GrainTypeSnapshot>> GrainsAsync()
    {
        if (services.GetService<ILocalSiloDetails>() is not { } silo)
        {
            return [];
        }

        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics([silo.SiloAddress]);
        var activations = statistics.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
        return DeliveryMetrics.Snapshot(activations);
    }
}

/// <summary>One queue this silo reads: checkpoint (committed), log end, lag, read position, client retries dropped.</summary>
public sealed record PartitionStatus(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag, long ReadOffset, long DuplicatesDropped);
