using AdOrleans.Silo.Operations;
using AdOrleans.Silo.Operations.History;

namespace Microsoft.Extensions.Hosting;

public static class ClusterHistoryExtensions
{
    /// <summary>The in-memory cluster history behind the dashboard's Cluster page.</summary>
    public static IHostApplicationBuilder AddClusterHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterHistoryOptions>().BindConfiguration(ClusterHistoryOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClusterStatus>();
        builder.Services.AddSingleton<OperationsMetrics>();
        builder.Services.AddSingleton<PrometheusExport>();
        builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer(MetricsOpenApi.DescribeAsync));
        builder.Services.AddSingleton<ClusterHistory>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClusterHistory>());
        return builder;
    }

    public static IEndpointRouteBuilder MapClusterHistory(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/cluster/history", (ClusterHistory history, DateTimeOffset? since) => TypedResults.Ok(history.Snapshot(since)))
            .RequireAuthorization(AdOrleans.Gateway.Auth.Policies.Admin).WithTags("Operations");
        return routes;
    }
}
