using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Streaming;
using Orleans.Metadata;
using Orleans.Runtime;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// This process's view of the cluster for the dashboard, /metrics and readiness: the queues (log partitions) its
/// silo reads with their checkpoints and lag, and its grain types with activations (from Orleans' management
/// grain) and delivery figures (from <see cref="DeliveryMetrics"/>). A gateway-only process has neither.
/// </summary>
public sealed class ClusterStatus(IServiceProvider services, IPartitionedLog log)
{
    /// <summary>The partitions as last read (for gauges, which must not wait on the log).</summary>
    public IReadOnlyList<PartitionStatus> LastPartitions { get; private set; } = [];

    /// <summary>Dead letters in the store as last counted.</summary>
    public long DeadLetters { get; private set; }

    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IReceiverStore>() is { } store)
        {
            DeadLetters = await store.CountDeadLettersAsync(cancellationToken);
        }

        return DeadLetters;
    }

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
            partitions.Add(new PartitionStatus(queue.Partition.Topic, queue.Partition.Partition, queue.Checkpoint, end, Math.Max(0, end - queue.Processed),
                queue.ReadPosition, queue.DuplicatesDropped));
        }

        LastPartitions = partitions;
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
        var activations = statistics.Select(s => (Type: ProductGrainType(s.GrainType), s.ActivationCount)).Where(s => s.Type is not null)
            .GroupBy(s => s.Type!).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
        return DeliveryMetrics.Snapshot(activations);
    }

    /// <summary>The grain type name ("campaign", "event-aggregates", …) of one of the product's grain classes; null for Orleans' own grains.</summary>
    private string? ProductGrainType(string className) =>
        Type.GetType(className) is { } type && type.Assembly == typeof(AdOrleans.Grains.Events.EventAggregatorGrain).Assembly
            ? services.GetRequiredService<GrainTypeResolver>().GetGrainType(type).ToString()
            : null;
}

/// <summary>One queue this silo reads: checkpoint (committed), log end, lag, read position, client retries dropped.</summary>
public sealed record PartitionStatus(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag, long ReadOffset, long DuplicatesDropped);
