using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Admin;

public sealed record CommandAccepted(string Id, string Command);

/// <summary>
/// Campaign admin through the campaign grain: a create answers 201 once the command is on the log and the grain's
/// state is written (409 when the id exists); GET asks the grain. The list comes from this gateway's auction index,
/// which follows the grains' published state. Advertiser keys see, create and change only their own campaigns (403
/// for another advertiser's).
/// </summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/campaigns").WithTags("Campaigns").RequireAuthorization(Policies.CampaignOwners);
        group.MapPost("/", CreateAsync).WithBodySizeLimit(256 * 1024);
        group.MapGet("/", List);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/pause", (string id, IGrainFactory grains, HttpContext context) =>
            CommandAsync(id, AdCommandKinds.Pause, g => g.PauseAsync(), grains, context));
        group.MapPost("/{id}/resume", (string id, IGrainFactory grains, HttpContext context) =>
            CommandAsync(id, AdCommandKinds.Resume, g => g.ResumeAsync(), grains, context));
        group.MapPatch("/{id}", CampaignBudgetEndpoints.PatchAsync).WithBodySizeLimit(4 * 1024);
        group.MapPost("/{id}/stop", (string id, IGrainFactory grains, HttpContext context) =>
            CommandAsync(id, AdCommandKinds.Stop, g => g.StopAsync(), grains, context));
        return routes;
    }

    public static async Task<Results<Created<CampaignView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CampaignRequest request, IGrainFactory grains, TimeProvider clock, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (CampaignValidator.Validate(request, errors) is not { } config)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!context.User.MaySee(config.Advertiser))
        {
            return AdvertiserScope.NotYours($"advertiser '{config.Advertiser}'");
        }

        var change = await grains.GetGrain<ICampaignGrain>(config.Id).CreateAsync(config);
        return change.Outcome switch
        {
            AdChangeOutcome.Applied => TypedResults.Created($"/v1/campaigns/{config.Id}", CampaignView.From(change.Campaign!, clock.GetUtcNow())),
            AdChangeOutcome.LogUnavailable => LogUnavailable.Problem(context),
            _ => TypedResults.Problem(title: "The campaign exists.", detail: $"A campaign with id '{config.Id}' already exists.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>Every campaign this gateway's index knows, by id (the index follows the grains' published state).</summary>
    public static Ok<List<CampaignView>> List(AuctionIndex index, TimeProvider clock, HttpContext context)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(index.Campaigns.Where(c => context.User.MaySee(c.Config.Advertiser))
            .Select(c => CampaignView.From(c.Live, now)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
    }

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains, TimeProvider clock, HttpContext context)
    {
        if (!Ids.IsValid(id) || await grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } live)
        {
            return NotFound(id);
        }

        return context.User.MaySee(live.Config.Advertiser) ? TypedResults.Ok(CampaignView.From(live, clock.GetUtcNow())) : AdvertiserScope.NotYours($"campaign '{id}'");
    }

    public static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> CommandAsync(
        string id, string command, Func<ICampaignGrain, Task<CampaignChange>> call, IGrainFactory grains, HttpContext context)
    {
        if (!Ids.IsValid(id))
        {
            return NotFound(id);
        }

        var grain = grains.GetGrain<ICampaignGrain>(id);
        if (context.User.Advertiser() is not null && await grain.GetAsync() is { } live && !context.User.MaySee(live.Config.Advertiser))
        {
            return AdvertiserScope.NotYours($"campaign '{id}'");
        }

        var change = await call(grain);
        return change.Outcome switch
        {
            AdChangeOutcome.NotFound => NotFound(id),
            AdChangeOutcome.Conflict => TypedResults.Problem(title: "The campaign is stopped.", detail: "A stopped campaign cannot be paused or resumed.", statusCode: StatusCodes.Status409Conflict),
            AdChangeOutcome.LogUnavailable => LogUnavailable.Problem(context),
            _ => TypedResults.Accepted($"/v1/campaigns/{id}", new CommandAccepted(id, command)),
        };
    }

    public static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"Nothing with id '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
}
