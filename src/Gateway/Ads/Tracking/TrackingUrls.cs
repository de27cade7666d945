using AdOrleans.Gateway.Ads.Auction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>Signs an auction's outcome into the impression and click URLs it returns.</summary>
public sealed class TrackingUrls(TrackingTokens tokens, IOptions<TrackingOptions> options, TimeProvider clock)
{
    public (string ImpressionUrl, string ClickUrl) For(AuctionOutcome outcome, AuctionInput input, HttpRequest request)
    {
        var token = tokens.Sign(new TrackingClaims
        {
            AuctionId = outcome.AuctionId,
            CampaignId = outcome.Campaign.Id,
            CreativeId = outcome.Creative.Id,
            SlotId = outcome.SlotId,
            PriceMicros = outcome.PriceMicros,
            BidType = outcome.Campaign.Config.BidType,
            ClickChargeMicros = outcome.ClickChargeMicros,
            Channel = outcome.Campaign.Config.Channel,
            UserId = input.UserId,
            Geo = input.Geo,
            Device = input.Device,
            ExpiresAt = (clock.GetUtcNow() + tokens.Lifetime).ToUnixTimeSeconds(),
        });
        var baseUrl = options.Value.BaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        var landing = outcome.Creative.LandingUrl ?? outcome.Creative.Url;
        return ($"{baseUrl}/v1/t/imp?token={token}",
            $"{baseUrl}/v1/t/click?token={token}&to={Uri.EscapeDataString(landing)}");
    }
}
