using AdOrleans.Persistence;

namespace AdOrleans.Streaming.Tests;

public sealed class EventIdWindowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void ARetryIsNotFirstAndTheFirstAppearanceIsRemembered()
    {
        var window = new EventIdWindow(0, TimeSpan.FromHours(2), 1000);
        var newIds = new List<RecentEventId>();

        Assert.True(window.IsFirst("e-1", 7, Now, newIds, []));
        Assert.False(window.IsFirst("e-1", 9, Now, newIds, []));
        Assert.Equal([new RecentEventId(0, "e-1", 7, Now)], newIds);
    }

    [Fact]
    public void AReaderStartingBeforeAnIdsFirstOffsetDecidesItFromTheLogAgainAndOneStartingAfterHoldsIt()
    {
        RecentEventId[] stored = [new(0, "e-1", 50, Now), new(0, "e-1", 10, Now)];
        var replaying = new EventIdWindow(0, TimeSpan.FromHours(2), 1000);
        replaying.Load(stored, position: 10);
        var resuming = new EventIdWindow(0, TimeSpan.FromHours(2), 1000);
        resuming.Load(stored, position: 11);

        Assert.True(replaying.IsFirst("e-1", 10, Now, [], []));
        Assert.False(replaying.IsFirst("e-1", 50, Now, [], []));
        Assert.False(resuming.IsFirst("e-1", 50, Now, [], []));
    }

    [Fact]
    public void AnIdLeavesTheWindowOnceItsRecordTimeIsOlderThanTheWindowNeverBefore()
    {
        var window = new EventIdWindow(0, TimeSpan.FromHours(1), 1000);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000).AddMilliseconds(700);
        Assert.True(window.IsFirst("e-1", 1, at, [], []));

        Assert.False(window.IsFirst("e-1", 2, at.AddHours(1), [], []));
        Assert.True(window.IsFirst("e-1", 3, at.AddHours(1).AddSeconds(1), [], []));
    }
}
