using AdOrleans.Grains.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// <c>POST /v1/cluster/stalls</c> (admin): stall the events partition holding a key for a while, an incident drill for
/// pipeline-health alerts (a consumer that stops reading shows as lag). The stall ends by itself, so a drill that is
/// abandoned cannot leave ingestion stopped.
/// </summary>
public static class PartitionStallEndpoints
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapPartitionStallEndpoints(this IEndpointRouteBuilder routes)
    {
        var stalls = routes.MapGroup("/v1/cluster/stalls").RequireAuthorization(Gateway.Auth.Policies.Admin).WithTags("Operations");
        stalls.MapPost("/", StallAsync);
        return routes;
    }

    public static async Task<Results<Ok<PartitionStall>, ValidationProblem>> StallAsync(
        PartitionStallRequest request, IPartitionedLog log, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Key))
        {
            errors["key"] = ["A partition key (a campaign id or channel:<channel>) is required."];
        }

        if (request.Length <= TimeSpan.Zero || request.Length > MaxLength)
        {
            errors["length"] = [$"Length must be more than 0 and at most {MaxLength:c}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var partition = KeyPartitioner.Partition(request.Key!, log.PartitionCount(Topics.Events));
        var until = clock.GetUtcNow() + request.Length;
        await grains.GetGrain<IPartitionStallGrain>(IPartitionStallGrain.Key).StallAsync(partition, until);
        return TypedResults.Ok(new PartitionStall(request.Key!, Topics.Events, partition, until));
    }
}

/// <summary>A stall to stage: the partition key whose partition stops being read, and for how long (at most an hour).</summary>
public sealed record PartitionStallRequest(string? Key, TimeSpan Length);

/// <summary>The stall staged: silos stop reading the partition within a second (they learn stalls once a second) until <c>Until</c>.</summary>
public sealed record PartitionStall(string Key, string Topic, int Partition, DateTimeOffset Until);
