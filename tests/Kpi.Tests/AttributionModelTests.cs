using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using static AdOrleans.Grains.Attribution.AttributionModels;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

/// <summary>The rule-based models on journeys computed by hand.</summary>
public sealed class AttributionModelTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>display (campaign c-1) two days, email one day and social zero days before a 7-unit conversion.</summary>
    private static AttributionLedger ThreeTouchJourney(params int[] order)
    {
        TrackedEvent[] events =
        [
            Plain("t1", "impression", Day0, "c-1", "display", "u1"),
            Plain("t2", "email_click", Day0.AddDays(1), channel: "email", user: "u1"),
            Plain("t3", "like", Day0.AddDays(2), channel: "social", user: "u1"),
            Plain("v1", "conversion", Day0.AddDays(2), channel: "web", user: "u1", value: 7_000_000),
        ];
        return new AttributionLedger(new AttributionOptions { HalfLifeDays = 1 }).Apply(order.Length == 0 ? events : order.Select(i => events[i]));
    }

    [Fact]
    public void LastClickAndFirstClickGiveTheWholeConversionToTheLastAndFirstTouchpoint()
    {
        var ledger = ThreeTouchJourney();

        Assert.Equal((Apportion.Unit, 7_000_000L), ledger.Credits(LastClick)[("social", "")]);
        Assert.Single(ledger.Credits(LastClick));
        Assert.Equal((Apportion.Unit, 7_000_000L), ledger.Credits(FirstClick)[("display", "c-1")]);
        Assert.Single(ledger.Credits(FirstClick));
    }

    [Fact]
    public void LinearSplitsEquallyWithTheIndivisibleRestGoingToTheEarliestTouchpoints()
    {
        var credits = ThreeTouchJourney().Credits(Linear);

        // 1e9 / 3 = 333,333,333 r 1 and 7,000,000 / 3 = 2,333,333 r 1: the remainder goes to the first touchpoint.
        Assert.Equal((333_333_334L, 2_333_334L), credits[("display", "c-1")]);
        Assert.Equal((333_333_333L, 2_333_333L), credits[("email", "")]);
        Assert.Equal((333_333_333L, 2_333_333L), credits[("social", "")]);
    }

    [Fact]
    public void TimeDecayHalvesTheWeightPerHalfLifeOfAge()
    {
        var credits = ThreeTouchJourney().Credits(TimeDecay);

        // Ages 2, 1, 0 half-lives: weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7.
        Assert.Equal((142_857_143L, 1_000_000L), credits[("display", "c-1")]);
        Assert.Equal((285_714_286L, 2_000_000L), credits[("email", "")]);
        Assert.Equal((571_428_571L, 4_000_000L), credits[("social", "")]);
    }

    [Fact]
    public void PositionBasedGivesFortyPercentToTheEndsAndTwentyToTheMiddle()
    {
        var credits = ThreeTouchJourney().Credits(PositionBased);

        Assert.Equal((400_000_000L, 2_800_000L), credits[("display", "c-1")]);
        Assert.Equal((200_000_000L, 1_400_000L), credits[("email", "")]);
        Assert.Equal((400_000_000L, 2_800_000L), credits[("social", "")]);
    }

    [Fact]
    public void APathIsRecordedPerConversionWithItsChannelsInTimeOrder()
    {
        Assert.Equal((1L, 0L), Assert.Single(ThreeTouchJourney().Paths, p => p.Key == "display>email>social").Value);
    }

    [Fact]
    public void TouchpointsDeliveredAfterTheirConversionRestateItsCreditsToTheInOrderResult()
    {
        var inOrder = ThreeTouchJourney();
        var reversed = ThreeTouchJourney(3, 2, 1, 0);

        foreach (var model in RuleBased)
        {
            Assert.Equal(inOrder.Credits(model), reversed.Credits(model));
        }

        Assert.Equal(inOrder.Paths, reversed.Paths);
    }

    [Fact]
    public void ARepeatedEventIdChangesNothing()
    {
        var ledger = ThreeTouchJourney(0, 1, 1, 2, 3, 3, 0);

        Assert.Equal((Apportion.Unit, 7_000_000L), ledger.Credits(LastClick)[("social", "")]);
        Assert.Equal(3, ledger.Credits(Linear).Count);
        Assert.Equal((1L, 0L), ledger.Paths["display>email>social"]);
    }

    [Fact]
    public void AConversionWithoutTouchpointsInTheLookbackIsDirectAndTheExpiredJourneyEndsWithoutConversion()
    {
        var ledger = new AttributionLedger().Apply(
            Plain("t1", "pageview", Day0, channel: "web", user: "u1"),
            Plain("v1", "purchase", Day0.AddDays(31), channel: "web", user: "u1", value: 5));

        foreach (var model in RuleBased)
        {
            Assert.Equal((Apportion.Unit, 5L), Assert.Single(ledger.Credits(model)).Value);
            Assert.Equal((Direct, ""), Assert.Single(ledger.Credits(model)).Key);
        }

        Assert.Equal((0L, 1L), ledger.Paths["web"]);
        Assert.Equal((1L, 0L), ledger.Paths[Direct]);
    }

    [Fact]
    public void AnOpenJourneyCountsAsNotConvertingUntilItConvertsAndRepeatedChannelsCollapse()
    {
        var ledger = new AttributionLedger().Apply(
            Plain("t1", "pageview", Day0, channel: "web", user: "u1"),
            Plain("t2", "pageview", Day0.AddHours(1), channel: "web", user: "u1"),
            Plain("t3", "email_open", Day0.AddHours(2), channel: "email", user: "u1"));
        Assert.Equal((0L, 1L), Assert.Single(ledger.Paths, p => p.Key == "web>email").Value);

        ledger.Apply(Plain("v1", "conversion", Day0.AddHours(3), channel: "web", user: "u1"));

        Assert.Equal((1L, 0L), Assert.Single(ledger.Paths).Value);
    }

    [Fact]
    public void AnOpenJourneyKeepsOnlyItsNewestTouchpoints()
    {
        var options = new AttributionOptions { MaxTouchpoints = 2 };
        var ledger = new AttributionLedger(options).Apply(
            Plain("t1", "pageview", Day0, channel: "web", user: "u1"),
            Plain("t2", "email_open", Day0.AddHours(1), channel: "email", user: "u1"),
            Plain("t3", "like", Day0.AddHours(2), channel: "social", user: "u1"),
            Plain("v1", "conversion", Day0.AddHours(3), channel: "web", user: "u1"));

        Assert.Equal((Apportion.Unit, 0L), ledger.Credits(FirstClick)[("email", "")]);
        Assert.Equal((1L, 0L), Assert.Single(ledger.Paths).Value);
    }
}
