using AdOrleans.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Silo.Operations;

/// <summary>Probes and metrics for the platform: liveness, readiness, Prometheus, and the cluster view of the dashboard.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        routes.MapGet("/metrics", MetricsAsync).ExcludeFromDescription();
        routes.MapGet("/v1/cluster", ClusterAsync).RequireAuthorization(Gateway.Auth.Policies.Admin).WithTags("Operations");
        return routes;
    }

    public static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(
        IPartitionedLog log, IGrainStateStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var readiness = new Readiness(
            await log.PingAsync(cancellationToken),
            await store.PingAsync(cancellationToken),
            services.GetService<PartitionHost>()?.IsReady ?? true,
            services.GetService<AdOrleans.Gateway.Ads.Index.AuctionIndexFeed>()?.CaughtUp ?? true);
        return readiness.Ready
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<ContentHttpResult> MetricsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = await PrometheusText.WriteAsync(services, cancellationToken);
        return TypedResults.Text(text, "text/plain; version=0.0.4; charset=utf-8");
    }

    public static async Task<Ok<ClusterView>> ClusterAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var partitions = services.GetService<PartitionHost>() is { } host ? await host.StatusAsync(cancellationToken) : [];
        var grains = services.GetService<GrainCatalog>()?.Snapshot() ?? [];
        return TypedResults.Ok(new ClusterView(Environment.MachineName, Environment.ProcessId, partitions, grains));
    }
}

public sealed record Readiness(bool Log, bool Store, bool PartitionsLoaded, bool AuctionIndexLoaded)
{
    public bool Ready => Log && Store && PartitionsLoaded && AuctionIndexLoaded;
}

public sealed record ClusterView(string Host, int ProcessId, IReadOnlyList<PartitionStatus> Partitions, IReadOnlyList<GrainTypeSnapshot> Grains);
