using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Silo.Operations;
using Microsoft.Extensions.Time.Testing;

namespace AdOrleans.Service.Tests;

public sealed class QueueOwnershipTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();

    private static HashSet<TopicPartition> Events(params int[] partitions) => [.. partitions.Select(p => new TopicPartition(Topics.Events, p))];

    [Fact]
    public void ASiloThatWasNeverReadyGetsNoGraceForAMissingQueue()
    {
        var ownership = new QueueOwnership(Grace, _clock);
        Assert.False(ownership.Loaded(Events(0, 1), Events(0)));
        Assert.True(ownership.Loaded(Events(0, 1), Events(0, 1)));
    }

    [Fact]
    public void QueuesOutsideTheShareThatTheSiloStillReadsDoNotMatter()
    {
        Assert.True(new QueueOwnership(Grace, _clock).Loaded(Events(0), Events(0, 1, 2)));
    }

    [Fact]
    public void AReadySiloStaysReadyDuringTheGraceAfterItsShareGrewAndNotAfter()
    {
        var ownership = new QueueOwnership(Grace, _clock);
        Assert.True(ownership.Loaded(Events(0), Events(0)));

        Assert.True(ownership.Loaded(Events(0, 1), Events(0)));
        _clock.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.True(ownership.Loaded(Events(0, 1), Events(0)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(ownership.Loaded(Events(0, 1), Events(0)));

        Assert.True(ownership.Loaded(Events(0, 1), Events(0, 1)));
    }

    [Fact]
    public void EveryChangeOfTheShareStartsTheGraceAgain()
    {
        var ownership = new QueueOwnership(Grace, _clock);
        Assert.True(ownership.Loaded(Events(0), Events(0)));
        Assert.True(ownership.Loaded(Events(0, 1), Events(0)));
        _clock.Advance(Grace);
        Assert.True(ownership.Loaded(Events(0, 2), Events(0)));
        _clock.Advance(Grace);
        Assert.False(ownership.Loaded(Events(0, 2), Events(0)));
    }
}
