using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Audiences;

/// <summary>The clusters a user belongs to now: null run when no clustering run completed yet.</summary>
public sealed record UserSegments(string UserId, string? RunId, IReadOnlyList<string> Segments);

/// <summary>
/// <c>GET /v1/users/{userId}/segments</c> (ad clients, admins): the segment of the newest completed clustering run
/// nearest to the user's journey now, so that a client can name it in its auction requests (docs/audiences.md).
/// </summary>
public static class UserSegmentEndpoints
{
    public static IEndpointRouteBuilder MapUserSegmentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/users").WithTags("Audiences").MapGet("/{userId}/segments", GetAsync).RequireAuthorization(Policies.Client);
        return routes;
    }

    public static async Task<Results<Ok<UserSegments>, ValidationProblem>> GetAsync(string userId, IGrainFactory grains, IPartitionedLog log, TimeProvider clock)
    {
        if (userId.Length is 0 or > 256)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = ["Must be 1 to 256 characters."] });
        }

        var runId = await grains.GetGrain<IClusterRunIndexGrain>(IClusterRunIndexGrain.Key).LatestCompletedAsync();
        if (runId is null || await grains.GetGrain<IClusterRunGrain>(runId).GetModelAsync() is not { } model)
        {
            return TypedResults.Ok(new UserSegments(userId, null, []));
        }

        var shard = IJourneyShardGrain.KeyOf(userId, log.PartitionCount(Topics.Events));
        var segment = await grains.GetGrain<IJourneyShardGrain>(shard).SegmentOfAsync(userId, model, clock.GetUtcNow());
        return TypedResults.Ok(new UserSegments(userId, runId, segment is null ? [] : [segment]));
    }
}
