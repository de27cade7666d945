using AdOrleans.Streaming;
using Orleans.Configuration;
using Orleans.Runtime;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// The queues (log partitions) Orleans' default balancer, the consistent-ring queue balancer, gives one silo. Orleans
/// keeps its ring private, so this follows its rule from the membership: every active silo (and this one, even while
/// joining) sits on the ring at its points — <see cref="ConsistentRingOptions.NumVirtualBucketsConsistentRing"/> uniform
/// hashes with virtual buckets (Orleans' default; on a clash the lesser silo keeps the point), else its one consistent
/// hash — and owns the arc from the previous point (exclusive) to each of its own (inclusive). A queue belongs to the
/// arc its uniform hash falls in.
/// </summary>
public static class QueueShare
{
    public static IReadOnlySet<TopicPartition> Of(SiloAddress silo, IEnumerable<SiloAddress> activeSilos, LogQueueMapper mapper, ConsistentRingOptions ring)
    {
        var points = new SortedDictionary<uint, SiloAddress>();
        foreach (var member in activeSilos.Append(silo).Distinct())
        {
            var hashes = ring.UseVirtualBucketsConsistentRing
                ? member.GetUniformHashCodes(ring.NumVirtualBucketsConsistentRing)
                : [unchecked((uint)member.GetConsistentHashCode())];
            foreach (var hash in hashes)
            {
                if (!points.TryGetValue(hash, out var other) || member.CompareTo(other) < 0)
                {
                    points[hash] = member;
                }
            }
        }

        var ordered = points.ToArray();
        return mapper.GetAllQueues()
            .Where(q => Owner(ordered, q.GetUniformHashCode()).Equals(silo))
            .Select(mapper.PartitionOf)
            .ToHashSet();
    }

    /// <summary>The silo of the first point at or clockwise after <paramref name="hash"/>.</summary>
    private static SiloAddress Owner(KeyValuePair<uint, SiloAddress>[] ordered, uint hash)
    {
        var index = Array.FindIndex(ordered, p => p.Key >= hash);
        return ordered[index < 0 ? 0 : index].Value;
    }
}
