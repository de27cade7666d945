using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>Checks the token of an auction-linked event and fills in what only the token may say (price, charge, creative, slot).</summary>
public interface ITrackingTokenVerifier
{
    /// <summary>The event with its auction fields taken from the token, or null with the reason the token is refused.</summary>
    TrackedEvent? Verify(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error);
}

internal sealed class TrackingTokenVerifier(TrackingTokens tokens) : ITrackingTokenVerifier
{
    public TrackedEvent? Verify(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error)
    {
        if (tokens.Verify(token, now, out error) is not { } claims)
        {
            return null;
        }

        if ((tracked.CampaignId is { } campaign && campaign != claims.CampaignId)
            || (tracked.AuctionId is { } auction && auction != claims.AuctionId))
        {
            error = "campaignId and auctionId must match the tracking token.";
            return null;
        }

        return tracked with
        {
            AuctionId = claims.AuctionId,
            CampaignId = claims.CampaignId,
            CreativeId = claims.CreativeId,
            SlotId = claims.SlotId,
            PriceMicros = claims.PriceMicros,
            BidType = claims.BidType,
            ChargeMicros = ChargeOf(tracked.Type, claims),
            Channel = claims.Channel,
            UserId = tracked.UserId ?? claims.UserId,
        };
    }

    /// <summary>CPM pays per impression (price / 1000), CPC per click (the token's click charge); the other event is free.</summary>
    public static long ChargeOf(string type, TrackingClaims claims) => (type, claims.BidType) switch
    {
        (EventTypes.Impression, BidTypes.Cpm) => claims.PriceMicros / 1000,
        (EventTypes.Click, BidTypes.Cpc) => claims.ClickChargeMicros,
        _ => 0,
    };
}
