using AdOrleans.Persistence;

namespace AdOrleans.Streaming.Tests;

public sealed class EventIdWindowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void AnIdStoredAtTwoOffsetsCountsFromTheLowerWhateverTheOrderItIsLoadedIn()
    {
        var window = new EventIdWindow(0, TimeSpan.FromHours(2), 1000);
        window.Load([new RecentEventId(0, "e-1", 50, Now), new RecentEventId(0, "e-1", 10, Now)]);

        Assert.True(window.IsFirst("e-1", 10, Now, [], []));
        Assert.False(window.IsFirst("e-1", 50, Now, [], []));
    }

    [Fact]
    public void ARetryAtAHigherOffsetIsNotFirstAndAReplayOfTheOriginalIs()
    {
        var window = new EventIdWindow(0, TimeSpan.FromHours(2), 1000);
        var newIds = new List<RecentEventId>();

        Assert.True(window.IsFirst("e-1", 7, Now, newIds, []));
        Assert.False(window.IsFirst("e-1", 9, Now, newIds, []));
        Assert.True(window.IsFirst("e-1", 7, Now, newIds, []));
        Assert.Equal([new RecentEventId(0, "e-1", 7, Now)], newIds);
    }
}
