using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// <c>POST /openrtb2/auction</c>: each impression is one auction on its slot (<c>imp.tagid</c>, else <c>imp.id</c>),
/// answered with the media it asks for (banner, video as VAST, native as a Native 1.2 response) in the request's
/// currency. Impressions of unknown slots or that nothing fits get no bid; no bid at all answers 204.
/// nurl and burl both point at the impression beacon: firing both is one event (eventId = auctionId:impression).
/// </summary>
public static class OpenRtbEndpoints
{
    public static IEndpointRouteBuilder MapOpenRtbEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/openrtb2/auction", Run).RequireApiKey(ApiKeyRoles.Client).WithBodySizeLimit(64 * 1024).WithTags("Auction");
        return routes;
    }

    public static Results<Ok<BidResponse>, NoContent, ValidationProblem> Run(
        BidRequest request, Auctioneer auctioneer, TrackingUrls urls, Currencies currencies, IOptions<OpenRtbOptions> options, TimeProvider clock, HttpContext context)
    {
        var started = clock.GetTimestamp();
        var errors = OpenRtbValidator.Validate(request, out var natives);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The minimum is kept for the way back: a tmax below it cannot be met, so the cheapest answer goes out at once.
        var reserve = options.Value.MinTmax;
        var budget = request.Tmax is { } tmax ? TimeSpan.FromMilliseconds(tmax) - reserve : TimeSpan.MaxValue;
        if (budget < TimeSpan.Zero || currencies.BidCurrency(request.Cur) is not { } currency)
        {
            return TypedResults.NoContent();
        }

        var blocks = request.Bcat is null && request.Badv is null && request.Bapp is null ? RtbBlocks.None : new RtbBlocks(request.Bcat, request.Badv, request.Bapp);
        var requestKind = AuctionKind(request.At);
        var userId = request.User?.Id;
        var device = DeviceName(request.Device?.Devicetype);
        var bids = new List<Bid>();
        for (var i = 0; i < request.Imp!.Count && clock.GetElapsedTime(started) < budget; i++)
        {
            var imp = request.Imp[i]!;
            if (currencies.FloorMicros(imp.Bidfloor, imp.Bidfloorcur) is not { } floor)
            {
                continue;
            }

            var rtb = new RtbImp
            {
                Blocks = blocks, BannerFormats = BannerFormats(imp.Banner), Video = imp.Video, Native = natives[i],
                Deals = Deals(imp.Pmp, currencies), PrivateAuction = imp.Pmp?.PrivateAuction == 1, AuctionKind = requestKind,
            };
            var input = new AuctionInput(imp.Tagid ?? imp.Id!, userId, request.Device?.Geo?.Country, device, [], floor, rtb);
            if (auctioneer.Run(input) is (AuctionStatus.Won, { } outcome))
            {
                bids.Add(BidFor(outcome, imp, rtb, currencies.Price(outcome.PriceMicros, currency), urls, input, context.Request));
            }
        }

        return bids.Count == 0 ? TypedResults.NoContent() : TypedResults.Ok(new BidResponse(request.Id!, [new SeatBid(bids)], currency));
    }

    private static Bid BidFor(AuctionOutcome outcome, Imp imp, RtbImp rtb, decimal price, TrackingUrls urls, AuctionInput input, HttpRequest request)
    {
        var (impression, click) = urls.For(outcome, input, request);
        var creative = outcome.Creative;
        var config = outcome.Campaign.Config;
        var adm = creative.Kind switch
        {
            CreativeFormats.Video => AdMarkup.Video(creative, impression, click),
            CreativeFormats.Native => AdMarkup.Native(creative, rtb.Native!, impression, click),
            _ => AdMarkup.Banner(creative, click),
        };
        return new Bid(outcome.AuctionId, imp.Id!, price, adm, impression, impression, creative.Id, AdMarkup.Mtype(creative),
            config.Adomain.Count > 0 ? config.Adomain : null, config.Categories.Count > 0 ? config.Categories : null,
            outcome.DealId, config.AppBundle, creative.Width, creative.Height);
    }

    private static List<(int W, int H)>? BannerFormats(Banner? banner)
    {
        if (banner is null)
        {
            return null;
        }

        var formats = banner.Format?.OfType<Format>().Select(f => (f.W, f.H)).ToList() ?? [];
        if (banner is { W: { } w, H: { } h })
        {
            formats.Add((w, h));
        }

        return formats;
    }

    /// <summary>The impression's deals in service micros; a deal whose floor currency has no rate is left out (nobody bids in it).</summary>
    private static List<RtbDeal> Deals(Pmp? pmp, Currencies currencies)
    {
        var deals = new List<RtbDeal>();
        foreach (var deal in pmp?.Deals ?? [])
        {
            if (currencies.FloorMicros(deal!.Bidfloor, deal.Bidfloorcur) is { } floor)
            {
                deals.Add(new RtbDeal(deal.Id!, floor, AuctionKind(deal.At)));
            }
        }

        return deals;
    }

    private static string? AuctionKind(int? at) => at switch
    {
        1 => AuctionKinds.FirstPrice,
        2 => AuctionKinds.SecondPrice,
        _ => null,
    };

    private static string? DeviceName(int? type) => type switch
    {
        1 or 4 => "mobile",
        5 => "tablet",
        2 => "desktop",
        3 or 7 => "ctv",
        _ => null,
    };
}
