using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using AdOrleans.Grains.Automation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Automation;

/// <summary>Automation rules (docs/automation.md): analysts read rules and firings, admins create and delete. Webhook secrets are never returned.</summary>
public static class AutomationEndpoints
{
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAutomationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/automations").WithTags("Automation").RequireAuthorization(Policies.Reader);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(MaxBodyBytes);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id}/firings", FiringsAsync);
        return routes;
    }

    public static async Task<Results<Created<AutomationRule>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        AutomationRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var id = request.Id ?? $"auto-{Guid.NewGuid():N}"[..17];
        if (AutomationValidator.Validate(id, request, clock.GetUtcNow(), errors) is not { } rule)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (rule.SegmentId is { } segment && await grains.GetGrain<IUserSegmentGrain>(segment).GetAsync() is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["segmentId"] = [$"No segment '{segment}' exists (PUT /v1/segments/{{id}} first)."] });
        }

        return await Registry(grains).CreateAsync(rule)
            ? TypedResults.Created($"/v1/automations/{rule.Id}", Public(rule))
            : TypedResults.Problem(title: "Rule exists.", detail: $"An automation rule '{rule.Id}' already exists.", statusCode: StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<AutomationList>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(new AutomationList([.. (await Registry(grains).ListAsync()).Select(Public)]));

    public static async Task<Results<Ok<AutomationRule>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        Ids.IsValid(id) && await grains.GetGrain<IAutomationRuleGrain>(id).GetAsync() is { } rule ? TypedResults.Ok(Public(rule)) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IGrainFactory grains) =>
        Ids.IsValid(id) && await Registry(grains).DeleteAsync(id) ? TypedResults.NoContent() : NotFound(id);

    /// <summary>The rule's last 100 firings, newest first, each with its action's attempts.</summary>
    public static async Task<Results<Ok<AutomationFirings>, ProblemHttpResult>> FiringsAsync(string id, IGrainFactory grains)
    {
        if (!Ids.IsValid(id) || await grains.GetGrain<IAutomationRuleGrain>(id).GetAsync() is null)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await grains.GetGrain<IAutomationRuleGrain>(id).FiringsAsync());
    }

    private static IAutomationRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IAutomationRegistryGrain>(IAutomationRegistryGrain.Key);

    private static AutomationRule Public(AutomationRule rule) =>
        rule.Action.Webhook is { } hook ? rule with { Action = rule.Action with { Webhook = hook with { Secret = null } } } : rule;

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Unknown automation rule.", detail: $"No automation rule '{id}' exists.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record AutomationList(IReadOnlyList<AutomationRule> Automations);
