using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>Checks the token of an event and fills in what only the token may say (price, charge, campaign, creative, slot; the auction's geo and device when it names them).</summary>
public interface ITrackingTokenVerifier
{
    /// <summary>An impression or click with its auction fields taken from the token, or null with the reason the token is refused.</summary>
    TrackedEvent? Verify(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error);

    /// <summary>A click-through conversion or purchase attributed to the token's auction, or null with the reason the token is refused.</summary>
    TrackedEvent? VerifyConversion(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error);
}

internal sealed class TrackingTokenVerifier(TrackingTokens tokens) : ITrackingTokenVerifier
{
    /// <remarks>
    /// The eventId becomes <c>auctionId:type</c>, as for the beacons: the stream receiver drops a repeated eventId
    /// durably (across restarts), so a re-fired impression or click counts once whatever eventId the client sent.
    /// </remarks>
    public TrackedEvent? Verify(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error)
    {
        if (Matching(tracked, tokens.Verify(token, now, out error), ref error) is not { } claims)
        {
            return null;
        }

        return tracked with
        {
            EventId = claims.AuctionId + ":" + tracked.Type,
            AuctionId = claims.AuctionId,
            CampaignId = claims.CampaignId,
            CreativeId = claims.CreativeId,
            SlotId = claims.SlotId,
            PriceMicros = claims.PriceMicros,
            BidType = claims.BidType,
            ChargeMicros = ChargeOf(tracked.Type, claims),
            Channel = claims.Channel,
            UserId = tracked.UserId ?? claims.UserId,
            Geo = claims.Geo ?? tracked.Geo,
            Device = claims.Device ?? tracked.Device,
        };
    }

    /// <remarks>Free (no charge); the client's eventId stays, since one click may lead to several purchases.</remarks>
    public TrackedEvent? VerifyConversion(TrackedEvent tracked, string? token, DateTimeOffset now, out string? error)
    {
        if (Matching(tracked, tokens.VerifyForConversion(token, now, out error), ref error) is not { } claims)
        {
            return null;
        }

        return tracked with
        {
            AuctionId = claims.AuctionId,
            CampaignId = claims.CampaignId,
            CreativeId = claims.CreativeId,
            SlotId = claims.SlotId,
            Channel = claims.Channel,
            UserId = tracked.UserId ?? claims.UserId,
            Geo = claims.Geo ?? tracked.Geo,
            Device = claims.Device ?? tracked.Device,
        };
    }

    /// <summary>CPM pays per impression (price / 1000), CPC per click (the token's click charge); the other event is free.</summary>
    public static long ChargeOf(string type, TrackingClaims claims) => (type, claims.BidType) switch
    {
        (EventTypes.Impression, BidTypes.Cpm) => claims.PriceMicros / 1000,
        (EventTypes.Click, BidTypes.Cpc) => claims.ClickChargeMicros,
        _ => 0,
    };

    private static TrackingClaims? Matching(TrackedEvent tracked, TrackingClaims? claims, ref string? error)
    {
        if (claims is not null
            && ((tracked.CampaignId is { } campaign && campaign != claims.CampaignId) || (tracked.AuctionId is { } auction && auction != claims.AuctionId)))
        {
            error = "campaignId and auctionId must match the tracking token.";
            return null;
        }

        return claims;
    }
}
