using System.Net;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// <c>POST /openrtb2/auction</c>: each impression is one auction on its slot (<c>imp.tagid</c>, else <c>imp.id</c>),
/// with <c>bidfloor</c> raising the slot floor and <c>banner.format</c> restricting creative sizes. Impressions of
/// unknown slots get no bid; no bid at all answers 204. nurl and burl both point at the impression beacon:
/// firing both is one event (eventId = auctionId:impression).
/// </summary>
public static class OpenRtbEndpoints
{
    public const int MaxImps = 20;

    public static IEndpointRouteBuilder MapOpenRtbEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/openrtb2/auction", Run).RequireAuthorization(Policies.Client).WithBodySizeLimit(64 * 1024).WithTags("Auction");
        return routes;
    }

    public static Results<Ok<BidResponse>, NoContent, ValidationProblem> Run(BidRequest request, Auctioneer auctioneer, TrackingUrls urls, HttpContext context)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = request.User?.Id;
        var device = DeviceName(request.Device?.Devicetype);
        var bids = new List<Bid>();
        foreach (var imp in request.Imp!.OfType<Imp>())
        {
            var formats = imp.Banner?.Format?.OfType<Format>().Select(f => (f.W, f.H)).ToList() ?? [];
            if (imp.Banner is { W: { } w, H: { } h })
            {
                formats.Add((w, h));
            }

            var input = new AuctionInput(imp.Tagid ?? imp.Id!, userId, request.Device?.Geo?.Country, device, [],
                (long)Math.Round((imp.Bidfloor ?? 0) * 1_000_000), formats);
            if (auctioneer.Run(input) is not (AuctionStatus.Won, { } outcome))
            {
                continue;
            }

            var (impression, click) = urls.For(outcome, userId, context.Request);
            var creative = outcome.Creative;
            var adm = $"<a href=\"{WebUtility.HtmlEncode(click)}\"><img src=\"{WebUtility.HtmlEncode(creative.Url)}\" width=\"{creative.Width}\" height=\"{creative.Height}\"></a>";
            bids.Add(new Bid(outcome.AuctionId, imp.Id!, outcome.PriceMicros / 1_000_000m, adm, impression, impression, creative.Id,
                [outcome.Campaign.Config.Advertiser], creative.Width, creative.Height));
        }

        return bids.Count == 0 ? TypedResults.NoContent() : TypedResults.Ok(new BidResponse(request.Id!, [new SeatBid(bids)]));
    }

    private static Dictionary<string, string[]> Validate(BidRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Id) || request.Id.Length > 128)
        {
            errors["id"] = ["Required: 1 to 128 characters."];
        }

        if (request.Imp is null || request.Imp.Count is 0 or > MaxImps || request.Imp.Any(i => i is null))
        {
            errors["imp"] = [$"Give 1 to {MaxImps} impressions."];
            return errors;
        }

        for (var i = 0; i < request.Imp.Count; i++)
        {
            var imp = request.Imp[i]!;
            Ids.Check(imp.Id, $"imp[{i}].id", errors, required: true);
            Ids.Check(imp.Tagid, $"imp[{i}].tagid", errors, required: false);
            if (imp.Bidfloor is { } floor && (double.IsNaN(floor) || floor < 0 || floor > CampaignValidator.MaxBidMicros / 1_000_000.0))
            {
                errors[$"imp[{i}].bidfloor"] = ["Must be a CPM between 0 and 1000."];
            }
        }

        Ids.Check(request.User?.Id, "user.id", errors, required: false);
        Ids.CheckCode(request.Device?.Geo?.Country, "device.geo.country", errors);
        return errors;
    }

    private static string? DeviceName(int? type) => type switch
    {
        1 or 4 => "mobile",
        5 => "tablet",
        2 => "desktop",
        3 or 7 => "ctv",
        _ => null,
    };
}
