using AdOrleans.Gateway.Auth;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Attribution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Attribution;

/// <summary>
/// <c>GET /v1/attribution?from=&amp;to=&amp;model=</c> and <c>GET /v1/attribution/compare?from=&amp;to=</c> (docs/attribution.md):
/// credits of the conversions in hours starting in [from, to), from parsed as the KPI endpoints do (default: the last 30 days).
/// Admin or analyst key.
/// </summary>
public static class AttributionEndpoints
{
    public static IEndpointRouteBuilder MapAttributionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/attribution").WithTags("Attribution").RequireAuthorization(Policies.Reader);
        group.MapGet("", GetAsync);
        group.MapGet("/compare", CompareAsync);
        return routes;
    }

    public static async Task<Results<Ok<AttributionReport>, ValidationProblem>> GetAsync(
        string? from, string? to, string? model, IAttributionSource source, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = model ?? AttributionModels.LastClick;
        if (!AttributionModels.All.Contains(chosen, StringComparer.Ordinal))
        {
            errors["model"] = [$"Must be one of: {string.Join(", ", AttributionModels.All)}."];
        }

        if (Window(from, to, clock, errors) is not { } window || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var data = await source.ReadAsync(window.From, window.To, ct);
        return TypedResults.Ok(AttributionReports.Build(chosen, window.From, window.To, data));
    }

    public static async Task<Results<Ok<AttributionComparison>, ValidationProblem>> CompareAsync(
        string? from, string? to, IAttributionSource source, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Window(from, to, clock, errors) is not { } window)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var data = await source.ReadAsync(window.From, window.To, ct);
        var models = AttributionModels.All.Select(m => AttributionReports.Build(m, window.From, window.To, data)).ToList();
        return TypedResults.Ok(new AttributionComparison(window.From, window.To, models));
    }

    /// <summary>Rows are hourly: the window starts at the hour holding <c>from</c>.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? Window(string? from, string? to, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        var range = KpiRange.Parse(from, to, "day", null, clock.GetUtcNow(), errors);
        return range is null ? null : (KpiRange.Time(range.From / 3600 * 3600), KpiRange.Time(range.To));
    }
}
