using System.Globalization;
using System.Text;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Billing;

public sealed record BillingReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<BillingLine> Lines, BillingLine Total);

/// <summary>
/// <c>GET /v1/reports/billing?from=&amp;to=</c>: the bill per campaign and creative. Rows are hourly, so the report
/// covers every hour that overlaps [from, to): from rounds down, to rounds up to the hour. Default: the last 24 hours.
/// <c>Accept: text/csv</c> gives CSV. An advertiser key gets the lines of its own campaigns only.
/// </summary>
public static class BillingEndpoints
{
    public static IEndpointRouteBuilder MapBillingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/reports/billing", GetAsync).RequireAuthorization(Policies.ScopedReader).WithTags("Reports");
        return routes;
    }

    public static async Task<Results<Ok<BillingReport>, ContentHttpResult, ValidationProblem>> GetAsync(
        DateTimeOffset? from, DateTimeOffset? to, IBillingSource source, AuctionIndex index, TimeProvider clock, HttpContext context)
    {
        if (from?.Year is < 2000 or > 9000 || to?.Year is < 2000 or > 9000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from and to must be ISO-8601 times between the years 2000 and 9000."] });
        }

        var end = Hour((to ?? clock.GetUtcNow()).AddTicks(TimeSpan.TicksPerHour - 1));
        var start = Hour(from ?? end.AddDays(-1));
        if (to <= from || end - start > TimeSpan.FromDays(400))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Must be after from, at most 400 days later."] });
        }

        var lines = await source.LinesAsync(start, end, context.RequestAborted);
        if (context.User.Advertiser() is not null)
        {
            // An advertiser's bill holds its own campaigns only (as this gateway's index knows them).
            lines = [.. lines.Where(l => index.TryGetCampaign(l.CampaignId, out var c) && context.User.MaySee(c.Config.Advertiser))];
        }

        var total = new BillingLine("", "", lines.Sum(l => l.Impressions), lines.Sum(l => l.Clicks), lines.Sum(l => l.Conversions), lines.Sum(l => l.SpendMicros));
        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Text(Csv(lines), "text/csv; charset=utf-8");
        }

        return TypedResults.Ok(new BillingReport(start, end, lines, total));
    }

    private static DateTimeOffset Hour(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Ids are restricted to [A-Za-z0-9._-], so no field needs quoting.</summary>
    private static string Csv(IReadOnlyList<BillingLine> lines)
    {
        var csv = new StringBuilder("campaignId,creativeId,impressions,clicks,conversions,spendMicros\n");
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.CampaignId},{l.CreativeId},{l.Impressions},{l.Clicks},{l.Conversions},{l.SpendMicros}\n");
        }

        return csv.ToString();
    }
}
