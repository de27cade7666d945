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

/// <summary><c>POST /v1/segments/clusters</c> (admin) starts audience clustering; <c>GET /v1/segments/clusters/{runId}</c> follows it (docs/audiences.md).</summary>
public static class ClusterEndpoints
{
    public const int MaxK = 20;

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/segments/clusters").WithTags("Audiences");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Admin).WithBodySizeLimit(4 * 1024);
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

    public static async Task<Results<Ok<ClusterRun>, ProblemHttpResult>> GetAsync(string runId, IGrainFactory grains) =>
        runId.Length <= 64 && await grains.GetGrain<IClusterRunGrain>(runId).GetAsync() is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(title: "Unknown run.", detail: $"No clustering run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
}
