using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Privacy;

/// <summary>
/// GDPR erasure and export (docs/privacy.md), admin only: <c>DELETE /v1/users/{userId}</c> → 202 with a job id and
/// its Location; <c>GET /v1/users/erasures/{jobId}</c> → the job's progress per store; <c>GET /v1/users/{userId}/export</c>
/// → everything held about the user.
/// </summary>
public static class UserPrivacyEndpoints
{
    public const string ErasuresPath = "/v1/users/erasures";

    public static IEndpointRouteBuilder MapUserPrivacyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/users").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        group.MapDelete("/{userId}", EraseAsync);
        group.MapGet("/{userId}/export", ExportAsync);
        group.MapGet("/erasures/{jobId}", GetErasureAsync);
        return routes;
    }

    public static async Task<Results<Accepted<ErasureStarted>, ValidationProblem>> EraseAsync(string userId, UserExporter exporter, IGrainFactory grains)
    {
        if (Invalid(userId) is { } problem)
        {
            return problem;
        }

        // This gateway's memory at once; the stored data by the job. Ad caps and click rules on other gateways expire (docs/privacy.md).
        exporter.Forget(userId);
        var jobId = Guid.CreateVersion7().ToString("N");
        await grains.GetGrain<IUserErasureGrain>(jobId).StartAsync(userId);
        return TypedResults.Accepted($"{ErasuresPath}/{jobId}", new ErasureStarted(jobId));
    }

    public static async Task<Results<Ok<UserExport>, ValidationProblem>> ExportAsync(string userId, UserExporter exporter) =>
        Invalid(userId) is { } problem ? problem : TypedResults.Ok(await exporter.ExportAsync(userId));

    public static async Task<Results<Ok<ErasureJob>, ProblemHttpResult>> GetErasureAsync(string jobId, IGrainFactory grains) =>
        jobId.Length <= 64 && await grains.GetGrain<IUserErasureGrain>(jobId).GetAsync() is { } job
            ? TypedResults.Ok(job)
            : TypedResults.Problem(title: "Unknown erasure job.", detail: $"No erasure job '{jobId}'.", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem? Invalid(string userId)
    {
        var errors = new Dictionary<string, string[]>();
        Ids.Check(userId, "userId", errors, required: true);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
