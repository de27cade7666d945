using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>The pricing rules of API.md, as pure functions over integer micros.</summary>
public static class AuctionMath
{
    /// <summary>A second-price winner pays one cent (10,000 micros) CPM above the price it had to beat.</summary>
    public const long IncrementMicros = 10_000;

    /// <summary>
    /// eCPM of a bid: the CPM bid itself, or for CPC bid × 1000 × predicted CTR where the CTR is the campaign's
    /// observed clicks/impressions smoothed towards a prior: (clicks + priorClicks) / (impressions + priorImpressions).
    /// </summary>
    public static long Ecpm(string bidType, long bidMicros, long clicks, long impressions, int priorClicks, int priorImpressions)
    {
        return bidType == BidTypes.Cpm ? bidMicros : CpcEcpm(bidMicros, clicks, impressions, priorClicks, priorImpressions);
    }

    /// <summary>
    /// The CPC branch of <see cref="Ecpm"/>. 64-bit arithmetic when the product cannot overflow (bids up to 1,000
    /// units, up to 9 M clicks: the usual case, and much cheaper than a 128-bit division); same result either way.
    /// </summary>
    public static long CpcEcpm(long bidMicros, long clicks, long impressions, int priorClicks, int priorImpressions)
    {
        var weight = clicks + priorClicks;
        if (bidMicros is >= 0 and <= 1_000_000_000 && weight is >= 0 and <= 9_000_000)
        {
            return bidMicros * 1000 * weight / (impressions + priorImpressions);
        }

        var ecpm = (Int128)bidMicros * 1000 * weight / (impressions + priorImpressions);
        return ecpm > long.MaxValue ? long.MaxValue : (long)ecpm;
    }

    /// <summary>
    /// The CPC eCPM from a model's predicted CTR in billionths: bid × 1000 × ctr = bid × ctrNanos / 10⁶. 64-bit while
    /// bid ≤ 1,000 units (ctrNanos ≤ 10⁹ keeps the product below 10¹⁸).
    /// </summary>
    public static long CpcEcpm(long bidMicros, long ctrNanos)
    {
        if (bidMicros is >= 0 and <= 1_000_000_000 && ctrNanos is >= 0 and <= 1_000_000_000)
        {
            return bidMicros * ctrNanos / 1_000_000;
        }

        var ecpm = (Int128)bidMicros * ctrNanos / 1_000_000;
        return ecpm > long.MaxValue ? long.MaxValue : (long)ecpm;
    }

    /// <summary>A predicted CTR in (0, 1) as billionths, the unit of <see cref="CpcEcpm(long, long)"/>.</summary>
    public static long CtrNanos(double ctr) => (long)(Math.Clamp(ctr, 0, 1) * 1_000_000_000);

    /// <summary>Second price: min(winner, max(second or 0, floor) + 1 cent). First price: the winner's eCPM.</summary>
    public static long ClearingPrice(string auction, long winnerEcpm, long? secondEcpm, long floorMicros) =>
        auction == AuctionKinds.FirstPrice
            ? winnerEcpm
            : Math.Min(winnerEcpm, Math.Max(secondEcpm ?? 0, floorMicros) + IncrementMicros);

    /// <summary>
    /// What a CPC winner pays per click: its bid scaled by clearing price / its eCPM, so that the expected cost per
    /// thousand impressions equals the clearing price. Never more than the bid, because clearing ≤ eCPM.
    /// </summary>
    public static long ClickCharge(long bidMicros, long clearingMicros, long winnerEcpm) =>
        winnerEcpm <= 0 ? 0 : (long)Int128.Min(bidMicros, (Int128)bidMicros * clearingMicros / winnerEcpm);

    /// <summary>A CPM impression is charged the clearing price per thousand, i.e. price / 1000.</summary>
    public static long ImpressionCharge(long clearingMicros) => clearingMicros / 1000;

    /// <summary>Ranking: higher eCPM first; on equal eCPM the ordinally smaller campaign id wins (deterministic, documented).</summary>
    public static bool Outranks(long ecpm, string campaignId, long otherEcpm, string otherCampaignId) =>
        ecpm > otherEcpm || (ecpm == otherEcpm && string.CompareOrdinal(campaignId, otherCampaignId) < 0);
}
