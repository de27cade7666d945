using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Attribution;

public sealed record ChannelReturn(string Channel, long SpendMicros, long AttributedRevenueMicros, double? Roas, long DailyBudgetMicros, long RecommendedDailyBudgetMicros);

public sealed record BudgetRecommendations(
    DateTimeOffset From, DateTimeOffset To, string Model, double? PortfolioRoas, double MaxShiftPerDay, long MinDailyBudgetMicros,
    IReadOnlyList<BudgetRecommendation> Campaigns, IReadOnlyList<ChannelReturn> Channels);

/// <summary>
/// <c>GET /v1/budget/recommendations?from=&amp;to=&amp;model=</c> (admin or analyst): per campaign its spend (billing), the
/// revenue the model attributes to it, ROAS, and a recommended daily budget with the reason (<see cref="BudgetAllocator"/>),
/// plus the same per channel. Default model: markov; window as the attribution endpoints.
/// </summary>
public static class BudgetEndpoints
{
    /// <summary>At most this share of a campaign's daily budget moves in one recommendation.</summary>
    public const double MaxShiftPerDay = 0.2;

    /// <summary>ROAS within this fraction of the portfolio's counts as on par: no change.</summary>
    public const double Band = 0.1;

    /// <summary>No recommendation takes a campaign below this daily budget (1 currency unit).</summary>
    public const long MinDailyBudgetMicros = 1_000_000;

    public static IEndpointRouteBuilder MapBudgetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/budget/recommendations", GetAsync).RequireAuthorization(Policies.Reader).WithTags("Attribution");
        routes.MapPost("/v1/budget/recommendations/apply", BudgetApplyEndpoints.ApplyAsync).RequireAuthorization(Policies.Admin).WithTags("Attribution");
        return routes;
    }

    public static async Task<Results<Ok<BudgetRecommendations>, ValidationProblem>> GetAsync(
        string? from, string? to, string? model, IAttributionSource attribution, IBillingSource billing, AuctionIndex index, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = model ?? AttributionModels.Markov;
        if (!AttributionModels.All.Contains(chosen, StringComparer.Ordinal))
        {
            errors["model"] = [$"Must be one of: {string.Join(", ", AttributionModels.All)}."];
        }

        var range = KpiRange.Parse(from, to, "day", null, clock.GetUtcNow(), errors);
        if (range is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (start, end) = (KpiRange.Time(range.From / 3600 * 3600), KpiRange.Time((range.To + 3599) / 3600 * 3600));
        var credits = AttributionReports.Build(chosen, start, end, await attribution.ReadAsync(start, end, ct));
        var spend = (await billing.LinesAsync(start, end, ct)).GroupBy(l => l.CampaignId).ToDictionary(g => g.Key, g => g.Sum(l => l.SpendMicros));
        var revenue = credits.Campaigns.ToDictionary(c => c.CampaignId, c => c.RevenueMicros);
        var campaigns = index.Campaigns.Select(c => c.Config)
            .Select(c => new CampaignReturn(c.Id, c.Channel, spend.GetValueOrDefault(c.Id), revenue.GetValueOrDefault(c.Id), c.DailyBudgetMicros))
            .OrderBy(c => c.CampaignId, StringComparer.Ordinal).ToList();
        var recommended = BudgetAllocator.Recommend(campaigns, MaxShiftPerDay, Band, MinDailyBudgetMicros);
        var totalSpend = campaigns.Sum(c => c.SpendMicros);
        var channels = recommended.GroupBy(r => r.Channel).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var (s, r) = (g.Sum(x => x.SpendMicros), g.Sum(x => x.AttributedRevenueMicros));
            return new ChannelReturn(g.Key, s, r, s > 0 ? r / (double)s : null, g.Sum(x => x.DailyBudgetMicros), g.Sum(x => x.RecommendedDailyBudgetMicros));
        }).ToList();
        return TypedResults.Ok(new BudgetRecommendations(start, end, chosen,
            totalSpend > 0 ? campaigns.Sum(c => c.AttributedRevenueMicros) / (double)totalSpend : null,
            MaxShiftPerDay, MinDailyBudgetMicros, recommended, channels));
    }
}
