using AdOrleans.Gateway.Attribution;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Kpi.Tests;

public sealed class BudgetAllocatorTests
{
    private const double MaxShift = 0.2;
    private const double Band = 0.1;
    private const long MinDaily = 1_000_000;

    [Fact]
    public void BudgetMovesFromTheWeakestReturnToTheStrongestWithinTwentyPercentAndTheTotalStays()
    {
        // Portfolio ROAS = (40 + 10 + 20) / (10 + 10 + 10) = 2.33; the band is 2.1 to 2.57. "a" (4.0) takes; "b" (1.0)
        // and "c" (2.0) give. They offer 20 % of 100 and 20 % of 50 = 30; "a" may take at most 20 % of its 100 = 20,
        // so they give 20 pro rata: 13,333,333 and 6,666,666 after flooring, the leftover micro to "b" (more room).
        var recommended = BudgetAllocator.Recommend(
        [
            new CampaignReturn("a", "display", 10_000_000, 40_000_000, 100_000_000),
            new CampaignReturn("b", "search", 10_000_000, 10_000_000, 100_000_000),
            new CampaignReturn("c", "social", 10_000_000, 20_000_000, 50_000_000),
        ], MaxShift, Band, MinDaily).ToDictionary(r => r.CampaignId);

        Assert.Equal(20_000_000, recommended["a"].ChangeMicros);
        Assert.Equal(-13_333_334, recommended["b"].ChangeMicros);
        Assert.Equal(-6_666_666, recommended["c"].ChangeMicros);
        Assert.Contains("above the portfolio", recommended["a"].Reason, StringComparison.Ordinal);
        Assert.Contains("below the portfolio", recommended["b"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CampaignsWithoutSpendOrDailyBudgetAreLeftAloneWithTheirReason()
    {
        var recommended = BudgetAllocator.Recommend(
        [
            new CampaignReturn("idle", "display", 0, 0, 10_000_000),
            new CampaignReturn("total-only", "display", 5_000_000, 50_000_000, 0),
        ], MaxShift, Band, MinDaily);

        Assert.All(recommended, r => Assert.Equal(0, r.ChangeMicros));
        Assert.Equal("No spend in the window: nothing to judge it by.", recommended[0].Reason);
        Assert.Equal("No daily budget to move.", recommended[1].Reason);
    }

    [Fact]
    public void TheTotalDailyBudgetIsKeptAndNoCampaignMovesMoreThanItsShareOrBelowTheMinimum()
    {
        var campaign = from spend in Gen.Choose(0, 1_000_000)
                       from revenue in Gen.Choose(0, 5_000_000)
                       from daily in Gen.Choose(0, 10_000_000)
                       select (spend: (long)spend, revenue: (long)revenue, daily: (long)daily);
        Prop.ForAll(Gen.ListOf(campaign).ToArbitrary(), list =>
        {
            var campaigns = list.Select((c, i) => new CampaignReturn($"c{i}", "display", c.spend, c.revenue, c.daily)).ToList();
            var recommended = BudgetAllocator.Recommend(campaigns, MaxShift, Band, MinDaily);
            return recommended.Sum(r => r.ChangeMicros) == 0
                && recommended.All(r => Math.Abs(r.ChangeMicros) <= (long)(r.DailyBudgetMicros * MaxShift))
                && recommended.All(r => r.ChangeMicros >= 0 || r.RecommendedDailyBudgetMicros >= MinDaily);
        }).QuickCheckThrowOnFailure();
    }
}
