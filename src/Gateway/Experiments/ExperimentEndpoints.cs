using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Experiments;

/// <summary>
/// A/B experiments (docs/experiments.md): an admin key creates (201 once the command is on the log and the grain's
/// state is written); admin and analyst keys read every experiment, advertiser keys only those of their campaigns.
/// The list comes from this gateway's auction index, which follows the grains' published state.
/// </summary>
public static class ExperimentEndpoints
{
    public static IEndpointRouteBuilder MapExperimentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/experiments").WithTags("Experiments");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(16 * 1024);
        group.MapGet("/", List).RequireAuthorization(Policies.ScopedReader);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.ScopedReader);
        return routes;
    }

    public static async Task<Results<Created<ExperimentConfig>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ExperimentRequest request, IGrainFactory grains, AuctionIndex index, IOptions<ExperimentOptions> options, HttpContext context)
    {
        var campaign = request.CampaignId is { } campaignId && Ids.IsValid(campaignId) ? (await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())?.Config : null;
        var errors = new Dictionary<string, string[]>();
        if (ExperimentValidator.Validate(request, campaign, index, options.Value, errors) is not { } config)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (index.Experiments.FirstOrDefault(e => e.Config.CampaignId == config.CampaignId && e.Config.Id != config.Id) is { } running)
        {
            return TypedResults.Problem(title: "The campaign has an experiment.", detail: $"Campaign '{config.CampaignId}' already runs experiment '{running.Config.Id}'.", statusCode: StatusCodes.Status409Conflict);
        }

        var grain = grains.GetGrain<IExperimentGrain>(config.Id);
        return await grain.CreateAsync(config) switch
        {
            AdChangeOutcome.Applied => TypedResults.Created($"/v1/experiments/{config.Id}", (await grain.GetAsync())!.Config),
            AdChangeOutcome.LogUnavailable => LogUnavailable.Problem(context),
            _ => TypedResults.Problem(title: "The experiment exists.", detail: $"An experiment with id '{config.Id}' already exists.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>Definitions and decisions of the experiments this gateway's index knows (results: GET by id).</summary>
    public static Ok<List<ExperimentLive>> List(AuctionIndex index, HttpContext context) => TypedResults.Ok(
        index.Experiments.Where(e => MaySee(context, index, e.Config.CampaignId)).OrderBy(e => e.Config.Id, StringComparer.Ordinal).ToList());

    public static async Task<Results<Ok<ExperimentResult>, ProblemHttpResult>> GetAsync(
        string id, IGrainFactory grains, AuctionIndex index, ExperimentResults results, HttpContext context, CancellationToken ct)
    {
        if (!Ids.IsValid(id) || await grains.GetGrain<IExperimentGrain>(id).GetAsync() is not { } live)
        {
            return TypedResults.Problem(title: "Not found.", detail: $"No experiment '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
        }

        if (context.User.Advertiser() is not null && !await MaySeeAsync(context, grains, live.Config.CampaignId))
        {
            return AdvertiserScope.NotYours($"campaign '{live.Config.CampaignId}'");
        }

        return TypedResults.Ok(await results.ReadAsync(live, ct));
    }

    private static bool MaySee(HttpContext context, AuctionIndex index, string campaignId) =>
        context.User.Advertiser() is null || (index.TryGetCampaign(campaignId, out var campaign) && context.User.MaySee(campaign.Config.Advertiser));

    private static async Task<bool> MaySeeAsync(HttpContext context, IGrainFactory grains, string campaignId) =>
        await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is { } campaign && context.User.MaySee(campaign.Config.Advertiser);
}
