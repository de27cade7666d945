using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Alerts;

/// <summary>Alerts (docs/alerts.md): analysts read, admins acknowledge.</summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapAlertRuleEndpoints();
        var group = routes.MapGroup("/v1/alerts").WithTags("Alerts").RequireAuthorization(Policies.Reader);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/ack", AcknowledgeAsync).RequireAuthorization(Policies.Admin);
        return routes;
    }

    /// <summary>Newest first, across every rule (each rule keeps its open alert and its last resolved ones).</summary>
    public static async Task<Results<Ok<AlertList>, ValidationProblem>> ListAsync(string? state, IGrainFactory grains)
    {
        if (state is not null && !AlertStates.All.Contains(state))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"Must be one of: {string.Join(", ", AlertStates.All)}."] });
        }

        var ids = await grains.GetGrain<IAlertRegistryGrain>(IAlertRegistryGrain.Key).RuleIdsAsync();
        var perRule = await Task.WhenAll(ids.Select(id => grains.GetGrain<IAlertRuleGrain>(id).AlertsAsync(state)));
        return TypedResults.Ok(new AlertList([.. perRule.SelectMany(a => a).OrderByDescending(a => a.StartedAt).ThenBy(a => a.Id, StringComparer.Ordinal)]));
    }

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        Alert.TryParseId(id, out var ruleId, out _) && Ads.Admin.Ids.IsValid(ruleId) && await grains.GetGrain<IAlertRuleGrain>(ruleId).GetAlertAsync(id) is { } alert
            ? TypedResults.Ok(alert)
            : NotFound(id);

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> AcknowledgeAsync(string id, IGrainFactory grains)
    {
        if (!Alert.TryParseId(id, out var ruleId, out _) || !Ads.Admin.Ids.IsValid(ruleId))
        {
            return NotFound(id);
        }

        var rule = grains.GetGrain<IAlertRuleGrain>(ruleId);
        return await rule.AcknowledgeAsync(id) switch
        {
            AckOutcome.Acknowledged => TypedResults.Ok((await rule.GetAlertAsync(id))!),
            AckOutcome.NotFiring => TypedResults.Problem(title: "Alert not firing.", detail: $"Alert '{id}' is not firing: only a firing alert can be acknowledged.", statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(id),
        };
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Unknown alert.", detail: $"No alert '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record AlertList(IReadOnlyList<Alert> Alerts);
