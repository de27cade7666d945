using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace AdOrleans.Silo.Operations;

/// <summary>Probes and metrics for the platform: liveness, readiness, Prometheus, and the cluster view of the dashboard.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        routes.MapMetrics("/metrics", routes.ServiceProvider.GetRequiredService<PrometheusExport>().Registry).ExcludeFromDescription();
        routes.MapGet("/v1/cluster", ClusterAsync).RequireAuthorization(Gateway.Auth.Policies.Admin).WithTags("Operations");
        return routes;
    }

    public static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(
        IPartitionedLog log, IGrainStateStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var readiness = new Readiness(
            await log.PingAsync(cancellationToken),
            await store.PingAsync(cancellationToken),
            services.GetService<SiloReadiness>()?.QueuesStarted ?? true,
            services.GetService<AdOrleans.Gateway.Ads.Index.AuctionIndexFeed>()?.CaughtUp ?? true);
        return readiness.Ready
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<Ok<ClusterView>> ClusterAsync(ClusterStatus status, CancellationToken cancellationToken)
    {
        var partitions = await status.PartitionsAsync(cancellationToken);
        var grains = await status.GrainsAsync();
        var deadLetters = await status.CountDeadLettersAsync(cancellationToken);
        return TypedResults.Ok(new ClusterView(Environment.MachineName, Environment.ProcessId, partitions, grains, deadLetters));
    }
}

public sealed record Readiness(bool Log, bool Store, bool PartitionsLoaded, bool AuctionIndexLoaded)
{
    public bool Ready => Log && Store && PartitionsLoaded && AuctionIndexLoaded;
}

/// <summary>The cluster page's data; <c>DeadLetters</c> counts records given up (see the stream docs) in the whole store.</summary>
public sealed record ClusterView(string Host, int ProcessId, IReadOnlyList<PartitionStatus> Partitions, IReadOnlyList<GrainTypeSnapshot> Grains, long DeadLetters);
