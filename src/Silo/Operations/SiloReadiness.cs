using AdOrleans.Streaming;
using Microsoft.Extensions.Options;
using AdOrleans.Silo.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// A silo is ready when Orleans' membership lists it Active (not joining, not shutting down) and it reads its share of
/// the log's queues (<see cref="QueueShare"/>; alone, all of them), with <see cref="QueueOwnership"/>'s grace while a
/// handover is in flight.
/// </summary>
public sealed class SiloReadiness(
    LogQueueStatuses queues,
    IPartitionedLog log,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<ConsistentRingOptions> ring,
    IOptions<OrleansOptions> options,
    TimeProvider clock)
{
    private readonly LogQueueMapper _mapper = new(log.PartitionCount(Topics.Events));
    private readonly QueueOwnership _ownership = new(options.Value.QueueHandoverGrace, clock);

    public bool Active => membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active;

    public bool QueuesLoaded
    {
        get
        {
            var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
            var owned = queues.All.Where(q => q.Owned).Select(q => q.Partition).ToHashSet();
            return _ownership.Loaded(QueueShare.Of(silo.SiloAddress, active, _mapper, ring.Value), owned);
        }
    }
}
