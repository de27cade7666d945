using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Admin;

public sealed class SlotRequest
{
    public long? FloorMicros { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public string? Auction { get; set; }
}

/// <summary>Slots: PUT upserts through the slot grain (200 once the command is on the log and the state written); GET asks the grain.</summary>
public static class SlotEndpoints
{
    public static IEndpointRouteBuilder MapSlotEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/slots").WithTags("Slots").RequireAuthorization(Policies.Admin);
        group.MapPut("/{id}", PutAsync).WithBodySizeLimit(16 * 1024);
        group.MapGet("/{id}", GetAsync);
        return routes;
    }

    public static async Task<Results<Ok<SlotConfig>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, SlotRequest request, IGrainFactory grains, TimeProvider clock, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        Ids.Check(id, "id", errors, required: true);
        CampaignValidator.Range(request.FloorMicros ?? 0, "floorMicros", 0, CampaignValidator.MaxBidMicros, errors, required: false);
        if (request.Width is < 0 or > 10_000 || request.Height is < 0 or > 10_000)
        {
            errors["size"] = ["width and height must be 0 (any) to 10000 pixels."];
        }

        var auction = request.Auction ?? AuctionKinds.SecondPrice;
        if (auction is not (AuctionKinds.SecondPrice or AuctionKinds.FirstPrice))
        {
            errors["auction"] = [$"Must be one of: {AuctionKinds.SecondPrice}, {AuctionKinds.FirstPrice}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var slot = new SlotConfig { Id = id, FloorMicros = request.FloorMicros ?? 0, Width = request.Width, Height = request.Height, Auction = auction, UpdatedAt = now };
        return await grains.GetGrain<IAdSlotGrain>(id).PutAsync(slot) == AdChangeOutcome.LogUnavailable
            ? LogUnavailable.Problem(context)
            : TypedResults.Ok(slot);
    }

    public static async Task<Results<Ok<SlotConfig>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        Ids.IsValid(id) && await grains.GetGrain<IAdSlotGrain>(id).GetAsync() is { } slot ? TypedResults.Ok(slot) : CampaignEndpoints.NotFound(id);
}
