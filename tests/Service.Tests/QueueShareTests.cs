using System.Net;
using AdOrleans.Log;
using AdOrleans.Silo.Operations;
using AdOrleans.Streaming;
using Orleans.Configuration;
using Orleans.Runtime;

namespace AdOrleans.Service.Tests;

public sealed class QueueShareTests
{
    private static readonly LogQueueMapper Mapper = new(16);
    private static readonly ConsistentRingOptions VirtualBuckets = new();
    private static readonly ConsistentRingOptions SinglePoint = new() { UseVirtualBucketsConsistentRing = false };

    public static TheoryData<bool, int> Rings => new() { { true, 2 }, { true, 3 }, { true, 7 }, { true, 40 }, { false, 2 }, { false, 7 } };

    private static SiloAddress Silo(int i) => SiloAddress.New(new IPEndPoint(IPAddress.Parse($"127.0.1.{i}"), 11111), 100 + i);

    private static IReadOnlySet<TopicPartition> All => Mapper.GetAllQueues().Select(Mapper.PartitionOf).ToHashSet();

    [Fact]
    public void ASiloAloneOwnsEveryQueueOfEveryStreamedTopicOnEitherRing()
    {
        foreach (var ring in new[] { VirtualBuckets, SinglePoint })
        {
            var share = QueueShare.Of(Silo(1), [], Mapper, ring);
            Assert.Equal(32, share.Count);
            Assert.True(share.SetEquals(All));
        }
    }

    [Fact]
    public void AJoiningSiloNotYetListedActiveIsOnTheRingAsOrleansPutsItThere()
    {
        var members = new[] { Silo(1), Silo(2) };
        Assert.True(QueueShare.Of(Silo(3), members, Mapper, VirtualBuckets).SetEquals(QueueShare.Of(Silo(3), [.. members, Silo(3)], Mapper, VirtualBuckets)));
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void TheSharesOfTheActiveSilosCoverEveryQueueExactlyOnce(bool virtualBuckets, int silos)
    {
        var ring = virtualBuckets ? VirtualBuckets : SinglePoint;
        var members = Enumerable.Range(1, silos).Select(Silo).ToList();
        var shares = members.Select(m => QueueShare.Of(m, members, Mapper, ring)).ToList();
        Assert.Equal(All.Count, shares.Sum(s => s.Count));
        Assert.True(shares.SelectMany(s => s).ToHashSet().SetEquals(All));
    }

    [Fact]
    public void OnASinglePointRingAQueueBelongsToTheFirstSiloClockwiseFromItsHash()
    {
        var members = Enumerable.Range(1, 5).Select(Silo).ToList();
        foreach (var queue in Mapper.GetAllQueues())
        {
            // Clockwise distance from the queue's point to each silo's point; the nearest silo (distance 0 included) owns it.
            var hash = queue.GetUniformHashCode();
            var owner = members.MinBy(m => unchecked((uint)m.GetConsistentHashCode() - hash))!;
            Assert.Contains(Mapper.PartitionOf(queue), QueueShare.Of(owner, members, Mapper, SinglePoint));
        }
    }

    [Fact]
    public void VirtualBucketsSpreadTheQueuesOverManySilosMoreEvenlyThanSinglePoints()
    {
        var members = Enumerable.Range(1, 8).Select(Silo).ToList();
        int Largest(ConsistentRingOptions ring) => members.Max(m => QueueShare.Of(m, members, Mapper, ring).Count);
        Assert.True(Largest(VirtualBuckets) <= Largest(SinglePoint), $"{Largest(VirtualBuckets)} vs {Largest(SinglePoint)}");
    }
}
