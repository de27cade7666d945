using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// Runs an auction on the local index only: no remote call, no database read. Filters the slot's candidates
/// by eligibility, ranks by eCPM, prices the winner, and records the win locally (frequency and recent spend).
/// </summary>
public sealed class Auctioneer(AuctionIndex index, Eligibility eligibility, FrequencyCounter frequency, LeaseRenewalSignal leaseRenewal, IOptions<AdServingOptions> options, TimeProvider clock)
{
    public (AuctionStatus Status, AuctionOutcome? Outcome) Run(AuctionInput input)
    {
        if (index.Slot(input.SlotId) is not { Config: { } slot } indexed)
        {
            return (AuctionStatus.UnknownSlot, null);
        }

        var now = clock.GetUtcNow();
        var context = new EligibilityContext(input, now, index);
        var floor = Math.Max(slot.FloorMicros, input.ExtraFloorMicros);
        var (priorClicks, priorImpressions) = (options.Value.PriorClicks, options.Value.PriorImpressions);
        var model = CtrModel(options.Value);
        CtrContext? ctr = null;
        IndexedCampaign? best = null;
        Creative? bestCreative = null;
        long bestEcpm = 0;
        long? secondEcpm = null;
        var rtb = input.Rtb;
        var (candidateFloor, bestFloor) = (floor, floor);
        RtbDeal? deal = null, bestDeal = null;
        foreach (var list in (ReadOnlySpan<IndexedCampaign[]>)[indexed.Candidates, index.AnySlot])
        {
            foreach (var campaign in list)
            {
                // A CPM bid is its eCPM: the live record is only read once the candidate can matter.
                var live = campaign.IsCpc ? campaign.Live : null;
                Creative? creative = null;
                long ecpm;
                if (live is null || model is null)
                {
                    ecpm = live is null ? campaign.BidMicros
                        : AuctionMath.CpcEcpm(campaign.BidMicros, live.Clicks, live.Impressions, priorClicks, priorImpressions);
                }
                else
                {
                    // The model scores the creative that would be shown, so it is chosen first (without one the campaign is out anyway).
                    if ((creative = CreativeFor(campaign, input, slot)) is null)
                    {
                        continue;
                    }

                    ctr ??= model.Context(slot.Id, input.Device, input.Geo, now.UtcDateTime.Hour, input.Segments);
                    ecpm = AuctionMath.CpcEcpm(campaign.BidMicros, AuctionMath.CtrNanos(model.Predict(ctr.Value, campaign, creative)));
                }

                if (!campaign.IsCpc && ((best is not null && ecpm < secondEcpm) || (rtb is null && ecpm < floor)))
                {
                    // CPM candidates come last, highest bid first (CandidateOrder): every later one would be skipped too.
                    break;
                }

                // OpenRTB: blocks, deals (a deal has its own floor) and private auctions, before the usual checks.
                if (rtb is not null && !rtb.Admits(campaign.Config, ecpm, slot.FloorMicros, floor, out deal, out candidateFloor))
                {
                    continue;
                }

                if (ecpm < candidateFloor || (best is not null && ecpm < secondEcpm && ecpm < bestEcpm) || !eligibility.Allows(campaign, live ?? campaign.Live, context))
                {
                    continue;
                }

                creative ??= CreativeFor(campaign, input, slot);
                if (creative is null)
                {
                    continue;
                }

                if (best is null || AuctionMath.Outranks(ecpm, campaign.Id, bestEcpm, best.Id))
                {
                    secondEcpm = best is null ? secondEcpm : bestEcpm;
                    (best, bestCreative, bestEcpm, bestDeal, bestFloor) = (campaign, creative, ecpm, deal, candidateFloor);
                }
                else if (secondEcpm is null || ecpm > secondEcpm)
                {
                    secondEcpm = ecpm;
                }
            }
        }

        if (best is null)
        {
            return (AuctionStatus.NoBid, null);
        }

        var kind = bestDeal?.AuctionKind ?? rtb?.AuctionKind ?? slot.Auction;
        var price = AuctionMath.ClearingPrice(kind, bestEcpm, secondEcpm, bestFloor);
        var clickCharge = best.Config.BidType == BidTypes.Cpc ? AuctionMath.ClickCharge(best.Config.BidMicros, price, bestEcpm) : 0;
        if (!RecordWin(best, input, price, now))
        {
            // Concurrent auctions spent the lease between the check and this win: no bid rather than overspend.
            return (AuctionStatus.NoBid, null);
        }

        return (AuctionStatus.Won, new AuctionOutcome(Guid.CreateVersion7().ToString("N"), best, bestCreative!, slot.Id, bestEcpm, secondEcpm, price, clickCharge, bestDeal?.Id));
    }

    /// <summary>The published CTR model once it has seen enough impressions; null: CPC campaigns use the smoothed prior.</summary>
    private CtrScorer? CtrModel(AdServingOptions settings) =>
        settings.CtrModel && index.Ctr is { } model && model.Impressions >= settings.CtrModelMinImpressions ? model : null;

    /// <summary>An experiment's user variant, OpenRTB's pick among the media asked for, or the first banner that fits.</summary>
    private static Creative? CreativeFor(IndexedCampaign campaign, AuctionInput input, SlotConfig slot) =>
        campaign.Experiment is { } experiment ? experiment.CreativeFor(input.UserId, input.Rtb, slot.Width, slot.Height)
            : input.Rtb is not { } rtb ? campaign.CreativeFor(slot.Width, slot.Height) : rtb.CreativeFor(campaign.Config, slot.Width, slot.Height);

    /// <summary>Both bid types are expected to cost price / 1000 per win (a CPC click charge × predicted CTR is the same).</summary>
    private bool RecordWin(IndexedCampaign campaign, AuctionInput input, long price, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var lease = campaign.Lease;
        if (!lease.TryConsume(AuctionMath.ImpressionCharge(price), nowMs))
        {
            return false;
        }

        if (lease.IsLow(campaign.Config.MaxChargeMicros))
        {
            leaseRenewal.Low(campaign);
        }

        if (campaign.Config.FrequencyCap is { } cap && input.UserId is { } user)
        {
            frequency.Record(user, campaign.Id, cap.Max, cap.PerSeconds, nowMs);
        }

        return true;
    }
}
