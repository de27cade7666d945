using AdOrleans.Gateway.Ads;
using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;

namespace AdOrleans.AdServing.Tests;

/// <summary>Stopping at the first CPM bid below the second price or the floor picks the winner and price a full scan picks.</summary>
public sealed class CandidateOrderTests
{
    private const long Floor = 500_000;

    [Fact]
    public void The_ordered_early_stopping_auction_agrees_with_a_full_scan()
    {
        var markets =
            from bids in Gen.Choose(1, 40).SelectMany(n => Gen.Choose(100_000, 3_000_000).ArrayOf(n))
            from cpc in Gen.Elements(true, false, false, false).ArrayOf(bids.Length)
            from clicks in Gen.Choose(0, 50).ArrayOf(bids.Length)
            from anySlot in Gen.Elements(true, false).ArrayOf(bids.Length)
            from secondPrice in Gen.Elements(true, false)
            select (bids, cpc, clicks, anySlot, secondPrice);

        Prop.ForAll(markets.ToArbitrary(), m =>
        {
            var options = Options.Create(new AdServingOptions());
            var index = new AuctionIndex(TimeProvider.System, new LeaseRenewalSignal());
            index.Apply(new AdStateRecord { Slot = new SlotConfig { Id = "s", FloorMicros = Floor, Width = 300, Height = 250, Auction = m.secondPrice ? AuctionKinds.SecondPrice : AuctionKinds.FirstPrice } });
            var expected = new List<(string Id, long Ecpm)>();
            for (var i = 0; i < m.bids.Length; i++)
            {
                var config = new CampaignConfig
                {
                    Id = $"c-{i:D2}", Name = "c", Advertiser = "a", Channel = "display", Pacing = PacingModes.Asap,
                    BidType = m.cpc[i] ? BidTypes.Cpc : BidTypes.Cpm, BidMicros = m.bids[i], TotalBudgetMicros = long.MaxValue / 4,
                    Targeting = new CampaignTargeting { Slots = m.anySlot[i] ? [] : ["s"] },
                    Creatives = [new Creative("cr", "https://cdn.example/a.png", 300, 250)],
                };
                var live = new CampaignLive { Config = config, Status = CampaignStatuses.Active, Clicks = m.clicks[i], Impressions = 1_000 };
                index.Apply(new AdStateRecord { Campaign = live });
                var ecpm = m.cpc[i] ? AuctionMath.CpcEcpm(config.BidMicros, live.Clicks, live.Impressions, options.Value.PriorClicks, options.Value.PriorImpressions) : config.BidMicros;
                if (ecpm >= Floor)
                {
                    expected.Add((config.Id, ecpm));
                }
            }

            foreach (var campaign in index.Campaigns)
            {
                campaign.Lease.Apply(new LeaseGrant(long.MaxValue / 4, long.MaxValue / 4), returned: false, long.MaxValue, campaign.Config.MaxChargeMicros);
            }

            var frequency = new FrequencyCounter(options);
            var auctioneer = new Auctioneer(index, new Eligibility(frequency, new ClickHistory()), frequency, new LeaseRenewalSignal(), options, TimeProvider.System);
            var (status, outcome) = auctioneer.Run(new AuctionInput("s", "u", null, null, []));

            var ranked = expected.OrderByDescending(e => e.Ecpm).ToList();
            var best = expected.Aggregate(((string Id, long Ecpm)?)null, (b, e) => b is null || AuctionMath.Outranks(e.Ecpm, e.Id, b.Value.Ecpm, b.Value.Id) ? e : b);
            if (best is null)
            {
                return status == AuctionStatus.NoBid;
            }

            long? second = ranked.Count > 1 ? expected.Where(e => e.Id != best.Value.Id).Max(e => e.Ecpm) : null;
            var price = AuctionMath.ClearingPrice(m.secondPrice ? AuctionKinds.SecondPrice : AuctionKinds.FirstPrice, best.Value.Ecpm, second, Floor);
            return status == AuctionStatus.Won && outcome!.Campaign.Id == best.Value.Id && outcome.PriceMicros == price;
        }).QuickCheckThrowOnFailure();
    }
}
