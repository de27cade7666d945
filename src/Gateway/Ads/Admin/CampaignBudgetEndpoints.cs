using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>A budget change: either field may be left out (null keeps it).</summary>
public sealed record CampaignBudgetRequest(long? DailyBudgetMicros, long? TotalBudgetMicros);

/// <summary>
/// <c>PATCH /v1/campaigns/{id}</c> with new budgets (admin, or the campaign's advertiser): a command through the log like
/// pause and resume, answered with the campaign as the grain now holds it. Leases follow at their next renewal.
/// </summary>
public static class CampaignBudgetEndpoints
{
    public static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string id, CampaignBudgetRequest request, IGrainFactory grains, TimeProvider clock, HttpContext context)
    {
        var grain = grains.GetGrain<ICampaignGrain>(id);
        if (!Ids.IsValid(id) || await grain.GetAsync() is not { } live)
        {
            return CampaignEndpoints.NotFound(id);
        }

        if (!context.User.MaySee(live.Config.Advertiser))
        {
            return AdvertiserScope.NotYours($"campaign '{id}'");
        }

        if (Validate(request, live.Config) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var change = await grain.SetBudgetAsync(new BudgetChange(request.DailyBudgetMicros, request.TotalBudgetMicros));
        return change.Outcome switch
        {
            AdChangeOutcome.NotFound => CampaignEndpoints.NotFound(id),
            AdChangeOutcome.Conflict => TypedResults.Problem(title: "The campaign is stopped.", detail: "A stopped campaign's budget cannot change.", statusCode: StatusCodes.Status409Conflict),
            AdChangeOutcome.LogUnavailable => LogUnavailable.Problem(context),
            _ => TypedResults.Ok(CampaignView.From(change.Campaign!, clock.GetUtcNow())),
        };
    }

    public static Dictionary<string, string[]> Validate(CampaignBudgetRequest request, CampaignConfig current)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DailyBudgetMicros is null && request.TotalBudgetMicros is null)
        {
            errors["body"] = ["Send dailyBudgetMicros, totalBudgetMicros or both."];
        }

        if (request.TotalBudgetMicros is { } total && total is < 1 or > CampaignValidator.MaxBudgetMicros)
        {
            errors["totalBudgetMicros"] = [$"Must be 1 to {CampaignValidator.MaxBudgetMicros}."];
        }

        var newTotal = request.TotalBudgetMicros ?? current.TotalBudgetMicros;
        if (request.DailyBudgetMicros is { } daily && (daily < 0 || daily > newTotal))
        {
            errors["dailyBudgetMicros"] = [$"Must be 0 to the total budget ({newTotal})."];
        }
        else if (current.Pacing == PacingModes.Even && request.DailyBudgetMicros == 0)
        {
            errors["dailyBudgetMicros"] = ["Even pacing spreads the daily budget over the day: it cannot be 0."];
        }

        return errors;
    }
}
