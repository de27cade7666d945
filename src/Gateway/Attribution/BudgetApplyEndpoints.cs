using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Gateway.Attribution;

/// <summary>What applying one campaign's recommendation did (<c>outcome</c>: applied, unchanged, not-found, stopped, log-unavailable).</summary>
public sealed record AppliedBudget(string CampaignId, long DailyBudgetMicros, long RecommendedDailyBudgetMicros, string Reason, string Outcome);

public sealed record BudgetApplication(DateTimeOffset From, DateTimeOffset To, string Model, IReadOnlyList<AppliedBudget> Campaigns);

/// <summary>
/// <c>POST /v1/budget/recommendations/apply?from=&amp;to=&amp;model=</c> (admin): recomputes the recommendations for that
/// window and sets each changed campaign's daily budget to the recommended one — one budget command per campaign
/// through the log, as <c>PATCH /v1/campaigns/{id}</c> would. The total of daily budgets stays as recommended.
/// </summary>
public static class BudgetApplyEndpoints
{
    public static async Task<Results<Ok<BudgetApplication>, ValidationProblem>> ApplyAsync(
        string? from, string? to, string? model, IAttributionSource attribution, IBillingSource billing, AuctionIndex index,
        IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var recommended = (await BudgetEndpoints.GetAsync(from, to, model, attribution, billing, index, clock, ct)).Result;
        if (recommended is not Ok<BudgetRecommendations> { Value: { } plan })
        {
            return (ValidationProblem)recommended;
        }

        var applied = new List<AppliedBudget>();
        foreach (var line in plan.Campaigns)
        {
            var outcome = line.ChangeMicros == 0 ? "unchanged" : await SetAsync(grains, line);
            applied.Add(new AppliedBudget(line.CampaignId, line.DailyBudgetMicros, line.RecommendedDailyBudgetMicros, line.Reason, outcome));
        }

        return TypedResults.Ok(new BudgetApplication(plan.From, plan.To, plan.Model, applied));
    }

    private static async Task<string> SetAsync(IGrainFactory grains, BudgetRecommendation line) =>
        (await grains.GetGrain<ICampaignGrain>(line.CampaignId).SetBudgetAsync(new BudgetChange(line.RecommendedDailyBudgetMicros, null))).Outcome switch
        {
            AdChangeOutcome.Applied => "applied",
            AdChangeOutcome.NotFound => "not-found",
            AdChangeOutcome.Conflict => "stopped",
            AdChangeOutcome.LogUnavailable => "log-unavailable",
            _ => "unchanged",
        };
}
