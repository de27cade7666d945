using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Gateway.Ads.Auction;

public sealed class AuctionRequest
{
    public string? SlotId { get; set; }

    public string? UserId { get; set; }

    public string? Geo { get; set; }

    public string? Device { get; set; }

    public List<string?>? Segments { get; set; }
}

public sealed record AuctionResponse(
    string AuctionId, string CampaignId, string CreativeId, string CreativeUrl, long PriceMicros, string ImpressionUrl, string ClickUrl);

/// <summary><c>POST /v1/auction</c>: the winner with signed tracking URLs, 204 when nobody may bid, 404 for an unknown slot.</summary>
public static class AuctionEndpoints
{
    public static IEndpointRouteBuilder MapAuctionEndpoints(this IEndpointRouteBuilder routes)
    {
        // Its services are singletons, taken here once: a handler parameter resolved from RequestServices opened a DI
        // scope for every auction (nothing else on the auction path needs one).
        var (auctioneer, urls) = (routes.ServiceProvider.GetRequiredService<Auctioneer>(), routes.ServiceProvider.GetRequiredService<TrackingUrls>());
        routes.MapPost("/v1/auction", (AuctionRequest request, HttpContext context) => Run(request, auctioneer, urls, context))
            .RequireApiKey(ApiKeyRoles.Client).WithBodySizeLimit(16 * 1024).WithTags("Auction");
        return routes;
    }

    public static Results<AuctionWin, NoContent, ValidationProblem, ProblemHttpResult> Run(
        AuctionRequest request, Auctioneer auctioneer, TrackingUrls urls, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        Ids.Check(request.SlotId, "slotId", errors, required: true);
        Ids.Check(request.UserId, "userId", errors, required: false);
        Ids.CheckCode(request.Geo, "geo", errors);
        Ids.CheckCode(request.Device, "device", errors);
        Ids.CheckList(request.Segments, "segments", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var input = new AuctionInput(request.SlotId!, request.UserId, request.Geo, request.Device, Segments(request.Segments));
        var (status, outcome) = auctioneer.Run(input);
        if (status == AuctionStatus.UnknownSlot)
        {
            return UnknownSlot(input.SlotId);
        }

        if (outcome is null)
        {
            return TypedResults.NoContent();
        }

        var (impression, click) = urls.For(outcome, input, context.Request);
        return new AuctionWin(new AuctionResponse(outcome.AuctionId, outcome.Campaign.Id, outcome.Creative.Id, outcome.Creative.Url,
            outcome.PriceMicros, impression, click));
    }

    /// <summary>Validated to hold no nulls, so the request's own list serves as is (no copy on the hot path).</summary>
    private static IReadOnlyList<string> Segments(List<string?>? segments) => segments is null ? [] : (IReadOnlyList<string>)(object)segments;

    public static ProblemHttpResult UnknownSlot(string slotId) =>
        TypedResults.Problem(title: "Unknown slot.", detail: $"No slot '{slotId}' is configured (PUT /v1/slots/{{id}}).", statusCode: StatusCodes.Status404NotFound);
}
