using System.Globalization;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Kpi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// KPI time series, summary, top-N and the live stream (API.md, "KPIs and reports"); admin or analyst key, or an
/// advertiser key for its own campaigns' series (<see cref="AdvertiserKpiFilter"/>).
/// </summary>
public static class KpiEndpoints
{
    public const int MaxTop = 1000;

    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/kpi").WithTags("KPI").RequireAuthorization(Policies.ScopedReader).AddEndpointFilter<AdvertiserKpiFilter>();
        group.MapGet("/campaigns/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Campaign, id, from, to, granularity, compare, reports, context, ct)).WithMetadata(new CampaignKpiRoute());
        group.MapGet("/slots/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Slot, id, from, to, granularity, compare, reports, context, ct));
        group.MapGet("/segments/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Segment, id, from, to, granularity, compare, reports, context, ct));
        group.MapGet("/creatives/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Creative, id, from, to, granularity, compare, reports, context, ct));
        group.MapGet("/geos/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Geo, id, from, to, granularity, compare, reports, context, ct));
        group.MapGet("/devices/{id}", (string id, string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct) =>
            GetSeriesAsync(KpiDimensions.Device, id, from, to, granularity, compare, reports, context, ct));
        group.MapGet("/channels", GetChannelsAsync);
        group.MapGet("/summary", GetSummaryAsync);
        group.MapGet("/top", GetTopAsync);
        group.MapGet("/stream", KpiStream.StreamAsync);
        return routes;
    }

    /// <summary>404 when neither rollups nor a grain state know the id (a campaign created but never served still answers).</summary>
    public static async Task<Results<Ok<KpiSeries>, ValidationProblem, ProblemHttpResult>> GetSeriesAsync(
        string dimension, string id, string? from, string? to, string? granularity, string? compare,
        KpiReports reports, KpiQueryContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (KpiRange.Parse(from, to, granularity, compare, context.Clock.GetUtcNow(), errors) is not { } range)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var info = await context.Directory.FindAsync(dimension, id, ct);
        if (info is null && !await context.Queries.ExistsAsync(dimension, id, ct))
        {
            return TypedResults.Problem(title: $"Unknown {dimension}.", detail: $"No {dimension} '{id}' exists and no events name it.", statusCode: StatusCodes.Status404NotFound);
        }

        info ??= await context.Directory.DescribeAsync(dimension, id, ct);
        return TypedResults.Ok(await reports.SeriesAsync(info, range, ct));
    }

    public static async Task<Results<Ok<KpiChannels>, ValidationProblem>> GetChannelsAsync(
        string? from, string? to, string? granularity, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        return KpiRange.Parse(from, to, granularity, compare, context.Clock.GetUtcNow(), errors) is { } range
            ? TypedResults.Ok(await reports.ChannelsAsync(range, ct))
            : TypedResults.ValidationProblem(errors);
    }

    public static async Task<Results<Ok<KpiSummary>, ValidationProblem>> GetSummaryAsync(
        string? from, string? to, string? compare, KpiReports reports, KpiQueryContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        return KpiRange.Parse(from, to, null, compare, context.Clock.GetUtcNow(), errors) is { } range
            ? TypedResults.Ok(await reports.SummaryAsync(range, ct))
            : TypedResults.ValidationProblem(errors);
    }

    public static async Task<Results<Ok<KpiTop>, ValidationProblem>> GetTopAsync(
        string? by, string? n, string? order, string? dimension, string? from, string? to,
        KpiReports reports, KpiQueryContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var range = KpiRange.Parse(from, to, null, null, context.Clock.GetUtcNow(), errors);
        var ranking = KpiRanking.Parse(by, order, errors);
        var count = 10;
        if (n is not null && (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTop))
        {
            errors["n"] = [$"Must be a whole number from 1 to {MaxTop}."];
        }

        dimension ??= KpiDimensions.Campaign;
        if (!KpiDimensions.All.Contains(dimension))
        {
            errors["dimension"] = [$"Must be one of: {string.Join(", ", KpiDimensions.All)}."];
        }

        return errors.Count > 0 || range is null || ranking is null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await reports.TopAsync(dimension, ranking, count, range, ct));
    }
}

/// <summary>What the KPI handlers share besides the report builder.</summary>
public sealed record KpiQueryContext(IKpiQueries Queries, DimensionDirectory Directory, TimeProvider Clock);
