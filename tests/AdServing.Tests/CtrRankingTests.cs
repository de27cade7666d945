using AdOrleans.Gateway.Ads;
using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using Microsoft.Extensions.Options;

namespace AdOrleans.AdServing.Tests;

/// <summary>The auction ranks CPC campaigns by the published CTR model (docs/ctr.md) once it is trusted.</summary>
public sealed class CtrRankingTests
{
    private readonly AuctionIndex _index = new(TimeProvider.System, new LeaseRenewalSignal());

    public CtrRankingTests()
    {
        foreach (var slot in new[] { "top", "side" })
        {
            _index.Apply(new AdStateRecord { Slot = new SlotConfig { Id = slot, FloorMicros = 1, Width = 300, Height = 250, Auction = AuctionKinds.SecondPrice } });
        }
    }

    private void Campaign(string id, string bidType, long bidMicros)
    {
        _index.Apply(new AdStateRecord { Campaign = new CampaignLive
        {
            Status = CampaignStatuses.Active,
            Config = new CampaignConfig
            {
                Id = id, Name = id, Advertiser = "a", Channel = "display", Pacing = PacingModes.Asap, BidType = bidType, BidMicros = bidMicros,
                TotalBudgetMicros = long.MaxValue / 4, Creatives = [new Creative($"{id}-cr", "https://cdn.example/a.png", 300, 250)],
            },
        } });
        _index.TryGetCampaign(id, out var campaign);
        campaign.Lease.Apply(new LeaseGrant(long.MaxValue / 4, long.MaxValue / 4), returned: false, long.MaxValue, campaign.Config.MaxChargeMicros);
    }

    private string? Winner(string slot, string device, long minImpressions = 1000)
    {
        var options = Options.Create(new AdServingOptions { CtrModelMinImpressions = minImpressions });
        var frequency = new FrequencyCounter(options);
        var auctioneer = new Auctioneer(_index, new Eligibility(frequency, new ClickHistory()), frequency, new LeaseRenewalSignal(), options, TimeProvider.System);
        return auctioneer.Run(new AuctionInput(slot, "u", "US", device, [])).Outcome?.Campaign.Id;
    }

    [Fact]
    public void EachOfTwoEqualCpcBidsWinsTheSlotWhereTheModelPredictsItsCreativeIsClickedMore()
    {
        Campaign("a-cpc", BidTypes.Cpc, 500_000);
        Campaign("b-cpc", BidTypes.Cpc, 500_000);
        var learner = CtrTraining.Train(
        [
            new("top", "mobile", "a-cpc", "a-cpc-cr", 0.05), new("top", "mobile", "b-cpc", "b-cpc-cr", 0.01),
            new("side", "mobile", "a-cpc", "a-cpc-cr", 0.01), new("side", "mobile", "b-cpc", "b-cpc-cr", 0.05),
        ], 200_000);
        _index.Apply(new AdStateRecord { CtrModel = CtrTraining.Snapshot(learner) });

        // With the prior both have the same eCPM and the smaller id, a-cpc, would win both slots.
        Assert.Equal(("a-cpc", "b-cpc"), (Winner("top", "mobile"), Winner("side", "mobile")));
    }

    [Fact]
    public void ACpcBidBeatsACpmBidOnTheDeviceWhereTheModelPredictsAHighClickRateAndLosesOnTheOther()
    {
        // 0.2 units per click: eCPM 6 units at a 3 % CTR, 1 unit at 0.5 %; the prior's 1 % gives 2.
        Campaign("cpc", BidTypes.Cpc, 200_000);
        Campaign("cpm", BidTypes.Cpm, 2_500_000);
        var learner = CtrTraining.Train([new("top", "mobile", "cpc", "cpc-cr", 0.03), new("top", "desktop", "cpc", "cpc-cr", 0.005)], 200_000);
        _index.Apply(new AdStateRecord { CtrModel = CtrTraining.Snapshot(learner) });

        Assert.Equal(("cpc", "cpm"), (Winner("top", "mobile"), Winner("top", "desktop")));
    }

    [Fact]
    public void UntilTheModelHasSeenEnoughImpressionsCpcCampaignsKeepThePrior()
    {
        Campaign("a-cpc", BidTypes.Cpc, 500_000);
        Campaign("b-cpc", BidTypes.Cpc, 500_000);
        var learner = CtrTraining.Train([new("side", "mobile", "a-cpc", "a-cpc-cr", 0.001), new("side", "mobile", "b-cpc", "b-cpc-cr", 0.05)], 50_000);
        _index.Apply(new AdStateRecord { CtrModel = CtrTraining.Snapshot(learner) });

        Assert.Equal("a-cpc", Winner("side", "mobile", minImpressions: 50_001));
        Assert.Equal("b-cpc", Winner("side", "mobile", minImpressions: 50_000));
    }
}
