using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>A deal of <c>imp.pmp</c> with its floor in service micros and optional auction type.</summary>
public sealed record RtbDeal(string Id, long FloorMicros, string? AuctionKind);

/// <summary>
/// What one OpenRTB impression asks of a candidate, on top of /v1/auction eligibility: not blocked, in a deal at or
/// above its floor (only deals when the auction is private), and a creative of a requested format that fits.
/// </summary>
public sealed class RtbImp
{
    public required RtbBlocks Blocks { get; init; }

    /// <summary>Null when the impression has no banner object.</summary>
    public IReadOnlyList<(int W, int H)>? BannerFormats { get; init; }

    public Video? Video { get; init; }

    public NativeAsk? Native { get; init; }

    public IReadOnlyList<RtbDeal> Deals { get; init; } = [];

    public bool PrivateAuction { get; init; }

    /// <summary>From the request's <c>at</c>; null keeps the slot's auction type.</summary>
    public string? AuctionKind { get; init; }

    /// <summary>
    /// Whether the campaign may bid, and how: in the first listed deal it belongs to whose floor (at least the slot's)
    /// its eCPM reaches, else in the open auction at <paramref name="openFloor"/> unless the auction is private.
    /// </summary>
    public bool Admits(CampaignConfig campaign, long ecpm, long slotFloor, long openFloor, out RtbDeal? deal, out long floor)
    {
        (deal, floor) = (null, openFloor);
        if (Blocks.Blocks(campaign))
        {
            return false;
        }

        foreach (var candidate in Deals)
        {
            var dealFloor = Math.Max(slotFloor, candidate.FloorMicros);
            if (ecpm >= dealFloor && campaign.DealIds.Contains(candidate.Id, StringComparer.Ordinal))
            {
                (deal, floor) = (candidate, dealFloor);
                return true;
            }
        }

        return !PrivateAuction;
    }

    /// <summary>The first creative of the campaign in a requested format that fits; null when none does.</summary>
    public Creative? CreativeFor(CampaignConfig campaign, int slotWidth, int slotHeight)
    {
        foreach (var creative in campaign.Creatives)
        {
            if (Fits(creative, slotWidth, slotHeight))
            {
                return creative;
            }
        }

        return null;
    }

    /// <summary>Whether this imp can show <paramref name="creative"/> (one of its media, and that medium's constraints).</summary>
    public bool Fits(Creative creative, int slotWidth, int slotHeight) => creative.Kind switch
    {
        CreativeFormats.Banner => BannerFormats is not null && IndexedCampaign.FitsBanner(creative, slotWidth, slotHeight, BannerFormats),
        CreativeFormats.Video => Video is not null && FitsVideo(creative, Video),
        CreativeFormats.Native => Native is not null && Native.Fits(creative),
        _ => false,
    };

    /// <summary>One of the player's MIME types (when it lists any) and a duration within its bounds (0 = unbounded).</summary>
    private static bool FitsVideo(Creative creative, Video video) =>
        (video.Mimes is not { Count: > 0 } mimes || (creative.Mimes ?? []).Any(m => mimes.Contains(m, StringComparer.OrdinalIgnoreCase)))
        && (video.Minduration is not > 0 || creative.DurationSeconds >= video.Minduration)
        && (video.Maxduration is not > 0 || creative.DurationSeconds <= video.Maxduration);
}
