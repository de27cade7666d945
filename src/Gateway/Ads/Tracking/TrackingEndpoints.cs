using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>
/// Beacons a browser fires from an img tag or a link: no API key (the signed token is the credential).
/// The event is built from the token alone, with eventId = auctionId:type, so a repeated beacon is one event.
/// </summary>
public static class TrackingEndpoints
{
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/t").WithTags("Tracking").AllowAnonymous();
        group.MapGet("/imp", ImpressionAsync);
        group.MapGet("/click", ClickAsync);
        return routes;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ImpressionAsync(
        string? token, TrackingTokens tokens, IPartitionedLog log, TimeProvider clock, HttpContext context)
    {
        var (tracked, invalid, unavailable) = await AppendAsync(EventTypes.Impression, token, tokens, log, clock, context);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tracked is null)
        {
            return unavailable!;
        }

        return TypedResults.File(Gif, "image/gif");
    }

    public static async Task<Results<RedirectHttpResult, ValidationProblem, ProblemHttpResult>> ClickAsync(
        string? token, string? to, TrackingTokens tokens, IPartitionedLog log, TimeProvider clock, ClickHistory clicks, HttpContext context)
    {
        if (!Admin.Ids.IsHttpUrl(to))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Must be an absolute http or https URL."] });
        }

        var (tracked, invalid, unavailable) = await AppendAsync(EventTypes.Click, token, tokens, log, clock, context);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tracked is null)
        {
            return unavailable!;
        }

        if (tracked.UserId is { } user)
        {
            clicks.Record(user, tracked.Channel, tracked.ReceivedAt);
        }

        return TypedResults.Redirect(to!);
    }

    private static async Task<(TrackedEvent?, ValidationProblem?, ProblemHttpResult?)> AppendAsync(
        string type, string? token, TrackingTokens tokens, IPartitionedLog log, TimeProvider clock, HttpContext context)
    {
        var now = clock.GetUtcNow();
        if (tokens.Verify(token, now, out var error) is not { } claims)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [error!] }), null);
        }

        var tracked = new TrackedEvent
        {
            EventId = claims.AuctionId + ":" + type,
            Type = type,
            AuctionId = claims.AuctionId,
            CampaignId = claims.CampaignId,
            CreativeId = claims.CreativeId,
            SlotId = claims.SlotId,
            Channel = claims.Channel,
            UserId = claims.UserId,
            Geo = claims.Geo,
            Device = claims.Device,
            PriceMicros = claims.PriceMicros,
            BidType = claims.BidType,
            ChargeMicros = TrackingTokenVerifier.ChargeOf(type, claims),
            OccurredAt = now,
            ReceivedAt = now,
        };
        try
        {
            await log.AppendAsync(Topics.Events, [new LogMessage(tracked.PartitionKey, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent))], context.RequestAborted);
        }
        catch (LogUnavailableException e)
        {
            return (null, null, LogUnavailable.Problem(context, e));
        }

        return (tracked, null, null);
    }
}
