using AdOrleans.Grains.Attribution;

namespace AdOrleans.Kpi.Tests;

public sealed class ContributionCacheTests
{
    [Fact]
    public void Beyond_its_capacity_the_longest_cached_journeys_drop_their_contributions()
    {
        var cache = new ContributionCache(capacity: 2);
        var journeys = Enumerable.Range(0, 3).Select(_ => new JourneyState { Contributions = new JourneyContributions() }).ToList();

        cache.Cached(journeys[0]);
        cache.Cached(journeys[1]);
        cache.Cached(journeys[0]);
        cache.Cached(journeys[2]);

        Assert.Null(journeys[0].Contributions);
        Assert.NotNull(journeys[1].Contributions);
        Assert.NotNull(journeys[2].Contributions);
    }
}
