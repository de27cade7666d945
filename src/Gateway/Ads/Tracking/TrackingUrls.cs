using System.Buffers;
using AdOrleans.Gateway.Ads.Auction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>
/// Signs an auction's outcome into the impression and click URLs it returns. Every auction with a winner builds
/// both, so each URL is one string put together from spans: the token, the base URL and the escaped landing URL are
/// never strings of their own.
/// </summary>
public sealed class TrackingUrls(TrackingTokens tokens, IOptions<TrackingOptions> options, TimeProvider clock)
{
    private const string ImpressionPath = "/v1/t/imp?token=";
    private const string ClickPath = "/v1/t/click?token=";
    private const string LandingParameter = "&to=";

    /// <summary>A UTF-16 code unit escapes to at most three UTF-8 bytes, each written as "%XX".</summary>
    private const int MaxEscapedCharsPerChar = 9;

    private readonly string? _baseUrl = options.Value.BaseUrl?.TrimEnd('/');

    public (string ImpressionUrl, string ClickUrl) For(AuctionOutcome outcome, AuctionInput input, HttpRequest request)
    {
        var token = tokens.SignToScratch(new TrackingClaims
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
        var baseUrl = BaseUrl(request, stackalloc char[256]);
        var landing = outcome.Creative.LandingUrl ?? outcome.Creative.Url;
        var rented = ArrayPool<char>.Shared.Rent(LandingParameter.Length + landing.Length * MaxEscapedCharsPerChar);
        try
        {
            LandingParameter.CopyTo(rented);
            Uri.TryEscapeDataString(landing, rented.AsSpan(LandingParameter.Length), out var escaped);
            return (string.Concat(baseUrl, ImpressionPath, token),
                string.Concat(baseUrl, ClickPath, token, rented.AsSpan(0, LandingParameter.Length + escaped)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>The configured base, or the request's scheme and host as the client addressed them.</summary>
    private ReadOnlySpan<char> BaseUrl(HttpRequest request, Span<char> scratch)
    {
        if (_baseUrl is not null)
        {
            return _baseUrl;
        }

        var (scheme, host) = (request.Scheme, request.Host.ToUriComponent());
        var length = scheme.Length + 3 + host.Length;
        var chars = length <= scratch.Length ? scratch : new char[length];
        scheme.CopyTo(chars);
        "://".CopyTo(chars[scheme.Length..]);
        host.CopyTo(chars[(scheme.Length + 3)..]);
        return chars[..length];
    }
}
