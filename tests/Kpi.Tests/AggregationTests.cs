using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains;
using AdOrleans.Grains.Kpi;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

public sealed class AggregationTests
{
    private static readonly KpiOptions Options = new() { Lateness = TimeSpan.FromHours(1) };

    /// <summary>Runs events through one aggregator and returns the merged rollup rows.</summary>
    private static (Dictionary<KpiRollupKey, long[]> Rows, KpiKeyState State) Run(string source, params TrackedEvent[] events)
    {
        var aggregation = new KpiAggregation(Options);
        var state = new KpiKeyState();
        var output = new List<KpiContribution>();
        foreach (var e in events)
        {
            aggregation.Apply(e, state, source, output);
        }

        return (RollupRows.Of(output), state);
    }

    private static KpiValues Bucket(Dictionary<KpiRollupKey, long[]> rows, string source, string dimension, string id, KpiGranularity g, DateTimeOffset at) =>
        KpiValues.From(rows.GetValueOrDefault(new KpiRollupKey(source, dimension, id, g, g.BucketStart(at.ToUnixTimeSeconds()))) ?? KpiCounters.New());

    [Fact]
    public void OnlyTheFirstImpressionAndFirstClickOfAnAuctionAreChargedAlsoWhenOneIsRepeatedUnderItsEventId()
    {
        var (rows, state) = Run("c-1",
            Ad("e1", "impression", "c-1", "a1", T.AddMinutes(1), 2_000),
            Ad("e1", "impression", "c-1", "a1", T.AddMinutes(1), 2_000),
            Ad("e2", "impression", "c-1", "a1", T.AddMinutes(1), 2_000),
            Ad("e3", "click", "c-1", "a1", T.AddMinutes(2), 400_000),
            Ad("e4", "click", "c-1", "a1", T.AddMinutes(2), 400_000),
            Ad("e5", "impression", "c-1", "a2", T.AddMinutes(2), 3_000));

        var hour = Bucket(rows, "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Hour, T);
        Assert.Equal((2L, 1L, 405_000L), (hour.Impressions, hour.Clicks, hour.SpendMicros));
        Assert.Equal(0.5, hour.Ctr);
        Assert.Equal(405_000, hour.CpcMicros);
        Assert.Equal(202_500_000, hour.CpmMicros);
        Assert.Equal(3, state.Duplicates);
    }

    [Theory]
    [InlineData(1, 3L)]
    [InlineData(2, 4L)]
    public void AnAggregatorRemembersOnlyItsShareOfTheAuctionCapacity(int partitions, long charged)
    {
        // Kpi:DedupeCapacity 4: one aggregator remembers 4 auctions, one of two remembers 2 and has forgotten a1 by its repeat.
        var aggregation = new KpiAggregation(new KpiOptions { Lateness = TimeSpan.FromHours(1), DedupeCapacity = 4 }, partitions);
        var output = new List<KpiContribution>();
        foreach (var auction in new[] { "a1", "a2", "a3", "a1" })
        {
            aggregation.Apply(Ad($"e-{output.Count}-{auction}", "impression", "c-1", auction, T, 2_000), new KpiKeyState(), "c-1", output);
        }

        Assert.Equal(charged, Bucket(RollupRows.Of(output), "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Hour, T).Impressions);
    }

    [Fact]
    public void EveryDimensionOfAnEventGetsTheSameCounts()
    {
        var (rows, _) = Run("c-1", Ad("e1", "impression", "c-1", "a1", T, 2_000, slot: "s-1", creative: "cr-1", segments: ["sports", "sports", "news"]));

        foreach (var (dimension, id) in new[] { (KpiDimensions.Campaign, "c-1"), (KpiDimensions.Channel, "display"), (KpiDimensions.Slot, "s-1"), (KpiDimensions.Creative, "cr-1"), (KpiDimensions.Segment, "sports"), (KpiDimensions.Segment, "news"), (KpiDimensions.Geo, KpiDimensions.Unknown), (KpiDimensions.Device, KpiDimensions.Unknown) })
        {
            foreach (var g in KpiGranularities.All)
            {
                var values = Bucket(rows, "c-1", dimension, id, g, T);
                Assert.Equal((1L, 2_000L), (values.Impressions, values.SpendMicros));
            }
        }

        Assert.Equal(8 * 3, rows.Count);
    }

    [Fact]
    public void ALateEventLandsInItsOwnWindowAsRestatedAndATooLateOneOnlyRaisesTooLate()
    {
        var (rows, state) = Run("c-1",
            Plain("e1", "conversion", T.AddMinutes(90), "c-1", value: 5),
            Plain("e2", "conversion", T.AddMinutes(40), "c-1", value: 7),
            Plain("e3", "conversion", T.AddMinutes(10), "c-1", value: 11));

        var late = Bucket(rows, "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Minute, T.AddMinutes(40));
        Assert.Equal((1L, 7L, 1L), (late.Conversions, late.RevenueMicros, late.Restated));
        Assert.Equal(0, Bucket(rows, "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Minute, T.AddMinutes(10)).Conversions);
        var atWatermark = Bucket(rows, "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Minute, T.AddMinutes(90));
        Assert.Equal((1L, 1L, 0L), (atWatermark.Conversions, atWatermark.TooLate, atWatermark.Restated));
        Assert.Equal((1L, 1L), (state.Restated, state.TooLate));
    }

    [Fact]
    public void AFirstPurchaseMakesANewCustomerAndCacAndClvFollow()
    {
        var (rows, _) = Run("c-1",
            Ad("e0", "impression", "c-1", "a1", T, 9_000_000),
            Plain("e1", "purchase", T.AddMinutes(1), "c-1", user: "u1", value: 4_000_000),
            Plain("e2", "purchase", T.AddMinutes(2), "c-1", user: "u1", value: 6_000_000),
            Plain("e3", "purchase", T.AddMinutes(3), "c-1", user: "u2", value: 2_000_000),
            Plain("e4", "purchase", T.AddMinutes(4), "c-1", value: 1_000_000));

        var hour = Bucket(rows, "c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Hour, T);
        Assert.Equal((4L, 2L, 13_000_000L), (hour.Purchases, hour.NewCustomers, hour.RevenueMicros));
        Assert.Equal(4_500_000, hour.CacMicros);
        var counters = rows[new KpiRollupKey("c-1", KpiDimensions.Campaign, "c-1", KpiGranularity.Hour, T.ToUnixTimeSeconds())];
        Assert.Equal(6_500_000, KpiLifetime.From(counters).ClvMicros);
    }

    [Fact]
    public void AnExternalCostReportCountsItsImpressionsClicksAndSpendOnceEvenWhenItReachesTheAggregationAgain()
    {
        var report = new TrackedEvent
        {
            EventId = "gads:cost:r-1", Type = EventTypes.Cost, Channel = "search", Impressions = 1_000, Clicks = 40, ChargeMicros = 20_000_000,
            OccurredAt = T, ReceivedAt = T,
        };

        // The second copy is a re-send after the stream receiver's dedupe window, at a later time.
        var (rows, state) = Run("channel:search", report, report with { ReceivedAt = T.AddDays(1) });

        var day = Bucket(rows, "channel:search", KpiDimensions.Channel, "search", KpiGranularity.Day, T);
        Assert.Equal((1_000L, 40L, 20_000_000L, (long?)500_000L), (day.Impressions, day.Clicks, day.SpendMicros, day.CpcMicros));
        Assert.Equal((1L, 1L), (state.Events, state.Duplicates));
    }

    [Fact]
    public void CustomersBeyondTheCapAreForgottenOldestFirst()
    {
        var aggregation = new KpiAggregation(new KpiOptions { MaxCustomers = 2 });
        var state = new KpiKeyState();
        var output = new List<KpiContribution>();
        foreach (var (id, user) in new[] { ("e1", "u1"), ("e2", "u2"), ("e3", "u3"), ("e4", "u1") })
        {
            aggregation.Apply(Plain(id, "purchase", T, "c-1", user: user), state, "c-1", output);
        }

        Assert.Equal(["u3", "u1"], state.Customers);
        Assert.Equal(4, output.Sum(c => c.Delta[(int)KpiCounter.NewCustomers]));
    }

    [Fact]
    public void ASessionWithOnePageviewIsABounceAndASecondPageviewTakesItBack()
    {
        var (rows, _) = Run("channel:web",
            Plain("s1", "session", T.AddMinutes(1), channel: "web", user: "u1"),
            Plain("p1", "pageview", T.AddMinutes(2), channel: "web", user: "u1"),
            Plain("s2", "session", T.AddMinutes(1), channel: "web", user: "u2"),
            Plain("p2", "pageview", T.AddMinutes(3), channel: "web", user: "u2"),
            Plain("p4", "pageview", T.AddMinutes(4), channel: "web", user: "nobody"),
            Plain("p3", "pageview", T.AddMinutes(70), channel: "web", user: "u2"));

        var hour = Bucket(rows, "channel:web", KpiDimensions.Channel, "web", KpiGranularity.Hour, T);
        Assert.Equal((2L, 3L, 2L), (hour.Sessions, hour.Pageviews, hour.Bounces));
        Assert.Equal(1.0, hour.BounceRate);

        var (again, _) = Run("channel:web",
            Plain("s1", "session", T.AddMinutes(1), channel: "web", user: "u1"),
            Plain("p1", "pageview", T.AddMinutes(2), channel: "web", user: "u1"),
            Plain("p2", "pageview", T.AddMinutes(3), channel: "web", user: "u1"));
        Assert.Equal(0, Bucket(again, "channel:web", KpiDimensions.Channel, "web", KpiGranularity.Minute, T.AddMinutes(1)).Bounces);
    }

    [Fact]
    public void RatiosAreNullWhenTheirDenominatorIsZero()
    {
        var values = KpiValues.From(KpiCounters.New());

        Assert.All(new object?[] { values.Ctr, values.Cvr, values.CpcMicros, values.CpmMicros, values.CpaMicros, values.Roas, values.CacMicros,
            values.BounceRate, values.EngagementRate, values.OpenRate, values.ClickToOpenRate }, Assert.Null);
    }

    [Fact]
    public void MoneyRatiosRoundHalfAwayFromZeroWithoutOverflow()
    {
        Assert.Equal(2, KpiMath.Micros(3, 2));
        Assert.Equal(1, KpiMath.Micros(4, 3));
        Assert.Equal(long.MaxValue / 2, KpiMath.Micros(long.MaxValue / 2, 1000, scale: 1000));
    }
}
