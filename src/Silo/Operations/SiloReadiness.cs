using AdOrleans.Grains.Streams;
using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Streaming;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// A silo is ready once it reads its queues: alone (embedded) all of them; in a cluster at least one, since
/// Orleans' balancer shares them out and a new silo may get none until the next rebalance.
/// </summary>
public sealed class SiloReadiness(LogQueueStatuses queues, IPartitionedLog log, IConfiguration configuration)
{
    public bool QueuesStarted => string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"))
        ? queues.All.Count(q => q.Owned) == LogRouting.StreamedTopics.Count * log.PartitionCount(Topics.Events)
        : queues.All.Any(q => q.Owned);
}
