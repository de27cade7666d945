using System.Security.Claims;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Dashboard;

/// <summary>
/// Saved dashboard views (docs/dashboard.md, "Views"): each API key reads and writes its own; a view saved with
/// <c>shared: true</c> is readable by every reader key at <c>/v1/dashboard/views/shared/{owner}/{id}</c>, which is
/// what a share link names.
/// </summary>
public static class DashboardViewEndpoints
{
    public static IEndpointRouteBuilder MapDashboardViewEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/dashboard/views").WithTags("Dashboard").RequireAuthorization(Policies.Reader);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", PutAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapGet("/shared/{owner}/{id}", GetSharedAsync);
        return routes;
    }

    public static async Task<Ok<DashboardViewList>> ListAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var owner = Owner(user);
        return TypedResults.Ok(new DashboardViewList(owner, await Views(grains, owner).ListAsync()));
    }

    public static async Task<Results<Ok<DashboardView>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        Ids.IsValid(id) && await Views(grains, Owner(user)).GetAsync(id) is { } view ? TypedResults.Ok(view) : NotFound(id);

    public static async Task<Results<Ok<DashboardView>, ProblemHttpResult>> GetSharedAsync(string owner, string id, IGrainFactory grains) =>
        Ids.IsValid(id) && await Views(grains, owner).GetAsync(id) is { Shared: true } view ? TypedResults.Ok(view) : NotFound(id);

    public static async Task<Results<Created<DashboardView>, Ok<DashboardView>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, DashboardViewRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        var errors = request.Validate();
        if (!Ids.IsValid(id))
        {
            errors["id"] = ["Letters, digits, '.', '_' and '-' only, at most 128 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var view = new DashboardView(id, request.Name!.Trim(), request.Tiles!, request.Charts!, request.Shared, clock.GetUtcNow());
        return await Views(grains, Owner(user)).PutAsync(view) switch
        {
            SaveOutcome.Created => TypedResults.Created($"/v1/dashboard/views/{id}", view),
            SaveOutcome.Replaced => TypedResults.Ok(view),
            _ => TypedResults.Problem(title: "Too many views.", detail: $"A key keeps at most {IDashboardViewsGrain.MaxViews} views; delete one first.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        Ids.IsValid(id) && await Views(grains, Owner(user)).DeleteAsync(id) ? TypedResults.NoContent() : NotFound(id);

    /// <summary>The key's configured name (not its secret): views follow the key across rotations of the secret.</summary>
    private static string Owner(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.KeyName)?.Value ?? "unknown";

    private static IDashboardViewsGrain Views(IGrainFactory grains, string owner) => grains.GetGrain<IDashboardViewsGrain>(owner);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Unknown view.", detail: $"No view '{id}' exists for this key (or it is not shared).", statusCode: StatusCodes.Status404NotFound);
}

public sealed record DashboardViewList(string Owner, IReadOnlyList<DashboardView> Views);
