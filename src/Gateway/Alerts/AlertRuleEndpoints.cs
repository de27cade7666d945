using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Alerts;

/// <summary>Alert rules (docs/alerts.md): analysts read, admins write. Webhook secrets are never returned.</summary>
public static class AlertRuleEndpoints
{
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAlertRuleEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/alerts/rules").WithTags("Alerts").RequireAuthorization(Policies.Reader);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(MaxBodyBytes);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(MaxBodyBytes);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return routes;
    }

    public static async Task<Results<Created<AlertRule>, ValidationProblem, ProblemHttpResult>> CreateAsync(AlertRuleRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (AlertRuleValidator.Validate(request.Id, request, errors) is not { } rule)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await Registry(grains).CreateAsync(rule)
            ? TypedResults.Created($"/v1/alerts/rules/{rule.Id}", Public(rule))
            : TypedResults.Problem(title: "Rule exists.", detail: $"An alert rule '{rule.Id}' already exists; PUT replaces it.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>Replaces a rule (its open alert stays open and is judged by the new rule); 404 for an unknown id.</summary>
    public static async Task<Results<Ok<AlertRule>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, AlertRuleRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is not null && request.Id != id)
        {
            errors["id"] = ["Must match the id in the path (or be left out)."];
        }

        if (AlertRuleValidator.Validate(id, request, errors) is not { } rule)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await Registry(grains).ReplaceAsync(rule) ? TypedResults.Ok(Public(rule)) : NotFound(id);
    }

    public static async Task<Ok<AlertRuleList>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(new AlertRuleList([.. (await Registry(grains).ListAsync()).Select(Public)]));

    public static async Task<Results<Ok<AlertRule>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        Ads.Admin.Ids.IsValid(id) && await grains.GetGrain<IAlertRuleGrain>(id).GetAsync() is { } rule ? TypedResults.Ok(Public(rule)) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IGrainFactory grains) =>
        Ads.Admin.Ids.IsValid(id) && await Registry(grains).DeleteAsync(id) ? TypedResults.NoContent() : NotFound(id);

    private static IAlertRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IAlertRegistryGrain>(IAlertRegistryGrain.Key);

    private static AlertRule Public(AlertRule rule) => rule with { Notify = [.. rule.Notify.Select(n => n with { Secret = null })] };

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Unknown alert rule.", detail: $"No alert rule '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record AlertRuleList(IReadOnlyList<AlertRule> Rules);
