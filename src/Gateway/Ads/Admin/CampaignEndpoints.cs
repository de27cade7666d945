using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using AdOrleans.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Admin;

public sealed record CommandAccepted(string Id, string Command);

/// <summary>
/// Campaign admin. A create answers 201 once its command is durably on the log; GET reads the committed grain
/// state, so it shows the campaign after the owning partition's next commit (milliseconds; clients poll).
/// </summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/campaigns").WithTags("Campaigns").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync).WithBodySizeLimit(256 * 1024);
        group.MapGet("/", List);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/pause", (string id, AdStore store, AuctionIndex index, TimeProvider clock, HttpContext context) => CommandAsync(id, AdCommandKinds.Pause, store, index, clock, context));
        group.MapPost("/{id}/resume", (string id, AdStore store, AuctionIndex index, TimeProvider clock, HttpContext context) => CommandAsync(id, AdCommandKinds.Resume, store, index, clock, context));
        group.MapPost("/{id}/stop", (string id, AdStore store, AuctionIndex index, TimeProvider clock, HttpContext context) => CommandAsync(id, AdCommandKinds.Stop, store, index, clock, context));
        return routes;
    }

    public static async Task<Results<Created<CampaignView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CampaignRequest request, AdStore store, AuctionIndex index, TimeProvider clock, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (CampaignValidator.Validate(request, errors) is not { } config)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (index.TryGetCampaign(config.Id, out _) || !store.TryClaim(config.Id))
        {
            return Conflict(config.Id);
        }

        try
        {
            if (await store.CampaignAsync(config.Id, context.RequestAborted) is not null)
            {
                return Conflict(config.Id);
            }

            var now = clock.GetUtcNow();
            await store.AppendAsync(config.Id, new AdCommand { Kind = AdCommandKinds.CreateCampaign, Campaign = config, IssuedAt = now }, context.RequestAborted);
            var live = new CampaignLive { Config = config, Status = CampaignStatuses.Active, SpendDay = DateOnly.FromDateTime(now.UtcDateTime), CreatedAt = now, UpdatedAt = now };
            return TypedResults.Created($"/v1/campaigns/{config.Id}", CampaignView.From(live, now));
        }
        catch (LogUnavailableException e)
        {
            store.Release(config.Id);
            return LogUnavailable.Problem(context, e);
        }
    }

    /// <summary>Every campaign this gateway's index knows, by id (the index lags commits by the propagation delay).</summary>
    public static Ok<List<CampaignView>> List(AuctionIndex index, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(index.Campaigns.Select(c => CampaignView.From(c.Live, now)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
    }

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(string id, AdStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        await store.CampaignAsync(id, cancellationToken) is { } live
            ? TypedResults.Ok(CampaignView.From(live, clock.GetUtcNow()))
            : NotFound(id);

    public static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> CommandAsync(
        string id, string command, AdStore store, AuctionIndex index, TimeProvider clock, HttpContext context)
    {
        var live = await store.CampaignAsync(id, context.RequestAborted) ?? (index.TryGetCampaign(id, out var indexed) ? indexed.Live : null);
        if (live is null && !store.Claimed(id))
        {
            return NotFound(id);
        }

        if (live is not null && live.Status == CampaignStatuses.Stopped && command != AdCommandKinds.Stop)
        {
            return TypedResults.Problem(title: "The campaign is stopped.", detail: "A stopped campaign cannot be paused or resumed.", statusCode: StatusCodes.Status409Conflict);
        }

        try
        {
            await store.AppendAsync(id, new AdCommand { Kind = command, IssuedAt = clock.GetUtcNow() }, context.RequestAborted);
        }
        catch (LogUnavailableException e)
        {
            return LogUnavailable.Problem(context, e);
        }

        return TypedResults.Accepted($"/v1/campaigns/{id}", new CommandAccepted(id, command));
    }

    private static ProblemHttpResult Conflict(string id) =>
        TypedResults.Problem(title: "The campaign exists.", detail: $"A campaign with id '{id}' already exists.", statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"Nothing with id '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
}
