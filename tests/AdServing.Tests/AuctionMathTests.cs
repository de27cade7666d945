using AdOrleans.Gateway.Ads.Auction;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.AdServing.Tests;

public sealed class AuctionMathTests
{
    private static readonly Gen<long> Micros = Gen.Choose(0, 1_000_000_000).Select(i => (long)i);

    [Fact]
    public void TheClearingPriceNeverExceedsTheWinnersEcpmNorFallsBelowTheFloor()
    {
        var cases = from floor in Micros
                    from winnerAboveFloor in Micros
                    from second in Gen.OneOf(Gen.Constant<long?>(null), Gen.Choose(0, 1_000_000_000).Select(i => (long?)i))
                    from firstPrice in Gen.Elements(true, false)
                    select (floor, winner: floor + winnerAboveFloor, second, firstPrice);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // The second bid is eligible too, so it lies between the floor and the winner.
            long? second = c.second is { } s ? c.floor + s % (c.winner - c.floor + 1) : null;
            var price = AuctionMath.ClearingPrice(c.firstPrice ? "first-price" : "second-price", c.winner, second, c.floor);
            return price <= c.winner && price >= c.floor;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ACpcClickNeverCostsMoreThanItsBid()
    {
        var cases = from bid in Micros
                    from ecpm in Gen.Choose(1, int.MaxValue).Select(i => (long)i)
                    from fraction in Gen.Choose(0, 1000)
                    select (bid, ecpm, clearing: ecpm * fraction / 1000);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var charge = AuctionMath.ClickCharge(c.bid, c.clearing, c.ecpm);
            return charge >= 0 && charge <= c.bid;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SecondPriceIsTheRunnerUpPlusOneCentCappedAtTheWinner()
    {
        Assert.Equal(2_010_000, AuctionMath.ClearingPrice("second-price", 3_000_000, 2_000_000, 0));
        Assert.Equal(2_000_000, AuctionMath.ClearingPrice("second-price", 2_000_000, 2_000_000, 0));
        Assert.Equal(1_010_000, AuctionMath.ClearingPrice("second-price", 3_000_000, null, 1_000_000));
        Assert.Equal(3_000_000, AuctionMath.ClearingPrice("first-price", 3_000_000, 2_000_000, 0));
    }

    [Fact]
    public void CpcEcpmIsTheBidTimesAThousandTimesTheSmoothedCtr()
    {
        Assert.Equal(2_500_000, AuctionMath.Ecpm("cpc", 250_000, 0, 0, 10, 1000));
        Assert.Equal(250_000L * 1000 * 60 / 2000, AuctionMath.Ecpm("cpc", 250_000, 50, 1000, 10, 1000));
        Assert.Equal(1_234, AuctionMath.Ecpm("cpm", 1_234, 50, 1000, 10, 1000));
    }

    [Fact]
    public void CpcEcpmEqualsTheExact128BitFormulaIncludingNearOverflow()
    {
        var large = Gen.Choose(0, int.MaxValue).Select(i => (long)i * i);
        var cases = from bid in Gen.OneOf(Gen.Choose(0, 1_000_000_000).Select(i => (long)i), large)
                    from clicks in Gen.OneOf(Gen.Choose(0, 9_000_000).Select(i => (long)i), large)
                    from impressions in Gen.Choose(0, int.MaxValue).Select(i => (long)i)
                    from priorClicks in Gen.Choose(0, 1_000_000)
                    from priorImpressions in Gen.Choose(1, 100_000_000)
                    select (bid, clicks, impressions, priorClicks, priorImpressions);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var exact = (Int128)c.bid * 1000 * (c.clicks + c.priorClicks) / (c.impressions + c.priorImpressions);
            var expected = exact > long.MaxValue ? long.MaxValue : (long)exact;
            return AuctionMath.CpcEcpm(c.bid, c.clicks, c.impressions, c.priorClicks, c.priorImpressions) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EqualEcpmsRankBySmallerCampaignId()
    {
        Assert.True(AuctionMath.Outranks(5, "a", 5, "b"));
        Assert.False(AuctionMath.Outranks(5, "b", 5, "a"));
        Assert.True(AuctionMath.Outranks(6, "z", 5, "a"));
    }
}
