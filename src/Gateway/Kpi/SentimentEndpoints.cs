using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// <c>GET /v1/kpi/sentiment?from=&amp;to=&amp;campaignId=&amp;advertiser=</c> (docs/kpi.md, "Sentiment"): admin and analyst
/// keys read any scope; an advertiser key reads its own brand and campaigns only (its advertiser is implied; another's
/// campaign or brand is a 403).
/// </summary>
public static class SentimentEndpoints
{
    public static IEndpointRouteBuilder MapSentimentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/kpi/sentiment", GetAsync).WithTags("KPI").RequireAuthorization(Policies.ScopedReader);
        return routes;
    }

    public static async Task<Results<Ok<SentimentReport>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string? from, string? to, string? campaignId, string? advertiser, KpiQueryContext context, AuctionIndex index, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var range = KpiRange.Parse(from, to, null, null, context.Clock.GetUtcNow(), errors);
        Ids.Check(campaignId, "campaignId", errors, required: false);
        if (advertiser is { Length: 0 or > 128 })
        {
            errors["advertiser"] = ["Must be 1 to 128 characters."];
        }

        if (range is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (http.User.Advertiser() is { } own)
        {
            var campaignIsOwn = campaignId is null || (index.TryGetCampaign(campaignId, out var campaign) && http.User.MaySee(campaign.Config.Advertiser));
            if (!campaignIsOwn || !http.User.MaySee(advertiser ?? own))
            {
                return AdvertiserScope.NotYours(campaignId is null ? $"advertiser '{advertiser}'" : $"campaign '{campaignId}'");
            }

            advertiser = own;
        }

        return TypedResults.Ok(await SentimentReport.BuildAsync(context.Queries, index, range, campaignId, advertiser, ct));
    }
}
