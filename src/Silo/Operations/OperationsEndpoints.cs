using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace AdOrleans.Silo.Operations;

/// <summary>Probes and metrics for the platform: liveness, readiness, Prometheus, and the cluster view of the dashboard.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder routes)
    {
        // The probes are part of the contract (API.md "Operations"), so the OpenAPI document lists them.
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Operations");
        routes.MapGet("/readyz", ReadyAsync).WithTags("Operations");
        routes.MapMetrics("/metrics", routes.ServiceProvider.GetRequiredService<PrometheusExport>().Registry).ExcludeFromDescription();
        routes.MapGet("/v1/cluster", ClusterAsync).RequireAuthorization(Gateway.Auth.Policies.Admin).WithTags("Operations");
        return routes;
    }

    public static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(
        IPartitionedLog log, IGrainStateStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var silo = services.GetService<SiloReadiness>();
        var readiness = new Readiness(
            await log.PingAsync(cancellationToken),
            await store.PingAsync(cancellationToken),
            silo?.Active ?? true,
            silo?.QueuesLoaded ?? true,
            services.GetService<AdOrleans.Gateway.Ads.Index.AuctionIndexFeed>()?.CaughtUp ?? true,
            services.GetService<ClusterClientConnector>()?.Connected ?? true);
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

/// <summary>
/// What /readyz checked; a part that does not apply to the process's roles is true. <c>SiloActive</c>: Orleans'
/// membership lists this silo Active. <c>PartitionsLoaded</c>: the silo reads its share of the log's queues.
/// <c>ClusterClientConnected</c>: a gateway-only process's Orleans client has reached the cluster once (it reconnects
/// by itself after that, and the gateway keeps serving events and auctions meanwhile).
/// </summary>
public sealed record Readiness(bool Log, bool Store, bool SiloActive, bool PartitionsLoaded, bool AuctionIndexLoaded, bool ClusterClientConnected)
{
    public bool Ready => Log && Store && SiloActive && PartitionsLoaded && AuctionIndexLoaded && ClusterClientConnected;
}

/// <summary>The cluster page's data; <c>DeadLetters</c> counts records given up (see the stream docs) in the whole store.</summary>
public sealed record ClusterView(string Host, int ProcessId, IReadOnlyList<PartitionStatus> Partitions, IReadOnlyList<GrainTypeSnapshot> Grains, long DeadLetters);
