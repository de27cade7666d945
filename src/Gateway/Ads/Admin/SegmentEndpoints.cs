using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Ads.Admin;

public sealed class SegmentRequest
{
    public string? Name { get; set; }

    public SegmentRulesRequest? Rules { get; set; }
}

public sealed class SegmentRulesRequest
{
    public List<string?>? Geos { get; set; }

    public List<string?>? Devices { get; set; }

    public ClickedRule? Clicked { get; set; }
}

/// <summary>Segments: PUT upserts a definition through the segment grain; GET asks the grain.</summary>
public static class SegmentEndpoints
{
    private static readonly HashSet<string> AdChannels = ["display", "search", "social", "email", "video"];

    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/segments").WithTags("Segments").RequireAuthorization(Policies.Admin);
        group.MapPut("/{id}", PutAsync).WithBodySizeLimit(64 * 1024);
        group.MapGet("/{id}", GetAsync);
        return routes;
    }

    public static async Task<Results<Ok<SegmentConfig>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, SegmentRequest request, IGrainFactory grains, TimeProvider clock, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        Ids.Check(id, "id", errors, required: true);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Name.Any(char.IsControl))
        {
            errors["name"] = ["Required: 1 to 200 printable characters."];
        }

        var rules = request.Rules ?? new SegmentRulesRequest();
        Ids.CheckList(rules.Geos, "rules.geos", errors);
        Ids.CheckList(rules.Devices, "rules.devices", errors);
        if (rules.Clicked is { } clicked && (clicked.Channel is null || !AdChannels.Contains(clicked.Channel) || clicked.WithinDays is < 1 or > 365))
        {
            errors["rules.clicked"] = [$"channel must be one of {string.Join(", ", AdChannels)} and withinDays 1 to 365."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var segment = new SegmentConfig
        {
            Id = id,
            Name = request.Name!,
            Rules = new SegmentRules { Geos = [.. rules.Geos?.OfType<string>() ?? []], Devices = [.. rules.Devices?.OfType<string>() ?? []], Clicked = rules.Clicked },
            UpdatedAt = now,
        };
        return await grains.GetGrain<IUserSegmentGrain>(id).PutAsync(segment) == AdChangeOutcome.LogUnavailable
            ? LogUnavailable.Problem(context)
            : TypedResults.Ok(segment);
    }

    public static async Task<Results<Ok<SegmentConfig>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        Ids.IsValid(id) && await grains.GetGrain<IUserSegmentGrain>(id).GetAsync() is { } segment ? TypedResults.Ok(segment) : CampaignEndpoints.NotFound(id);
}
