using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Audiences;

/// <summary>A clustering request: <c>k</c> 2–20, or null to let the silhouette choose; <c>seed</c> makes runs repeatable.</summary>
public sealed record ClusterRequest(int? K, int? Seed);

public sealed record ClusterStarted(string RunId);

/// <summary>A run as the list shows it: when it started and how far it got (its segments: <c>GET /v1/segments/clusters/{runId}</c>).</summary>
public sealed record ClusterRunSummary(string RunId, DateTimeOffset StartedAt, string State, int? K, int Users, double? Silhouette);

public sealed record ClusterRunList(IReadOnlyList<ClusterRunSummary> Runs);

/// <summary>
/// <c>POST /v1/segments/clusters</c> (admin) starts audience clustering; <c>GET /v1/segments/clusters/{runId}</c>
/// follows it and <c>GET /v1/segments/clusters</c> lists the last 100 runs, newest first (docs/audiences.md).
/// </summary>
public static class ClusterEndpoints
{
    public const int MaxK = 20;

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/segments/clusters").WithTags("Audiences");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(4 * 1024);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Reader);
        group.MapGet("/{runId}", GetAsync).RequireAuthorization(Policies.Reader);
        return routes;
    }

    public static async Task<Results<Accepted<ClusterStarted>, ValidationProblem>> StartAsync(ClusterRequest? request, IGrainFactory grains)
    {
        if (request?.K is { } k && k is < 2 or > MaxK)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["k"] = [$"Must be 2 to {MaxK}, or null to choose by silhouette."] });
        }

        var runId = Guid.CreateVersion7().ToString("N");
        await grains.GetGrain<IClusterRunGrain>(runId).StartAsync(request?.K, request?.Seed ?? 1);
        return TypedResults.Accepted($"/v1/segments/clusters/{runId}", new ClusterStarted(runId));
    }

    public static async Task<Ok<ClusterRunList>> ListAsync(IGrainFactory grains)
    {
        var started = await grains.GetGrain<IClusterRunIndexGrain>(IClusterRunIndexGrain.Key).ListAsync();
        var runs = await Task.WhenAll(started.Select(async s => (Start: s, Run: await grains.GetGrain<IClusterRunGrain>(s.RunId).GetAsync())));
        return TypedResults.Ok(new ClusterRunList([.. runs.Where(r => r.Run is not null)
            .Select(r => new ClusterRunSummary(r.Start.RunId, r.Start.StartedAt, r.Run!.State, r.Run.K, r.Run.Users, r.Run.Silhouette))]));
    }

    public static async Task<Results<Ok<ClusterRun>, ProblemHttpResult>> GetAsync(string runId, IGrainFactory grains) =>
        runId.Length <= 64 && await grains.GetGrain<IClusterRunGrain>(runId).GetAsync() is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(title: "Unknown run.", detail: $"No clustering run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
}
