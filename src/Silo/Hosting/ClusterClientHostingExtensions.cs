using AdOrleans.Persistence.Postgres.Clustering;
using AdOrleans.Silo.Hosting;
using Orleans.Configuration;

namespace Microsoft.Extensions.Hosting;

public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// A gateway-only process: an Orleans client that finds the silos' gateways through PostgreSQL membership (or,
    /// without PostgreSQL, on this machine's <c>Orleans:GatewayPort</c>), so admin endpoints call grains as in a silo.
    /// </summary>
    public static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new OrleansOptions();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var hostedBefore = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        builder.UseOrleansClient(client =>
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                client.UseLocalhostClustering(orleans.GatewayPort == 0 ? 30000 : orleans.GatewayPort, orleans.ServiceId, orleans.ClusterId);
            }
            else
            {
                client.UsePostgresClustering(PostgresHostingExtensions.WithPoolDefault(postgres));
                client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (orleans.ServiceId, orleans.ClusterId));
            }

            // Keep trying while no silo (or the membership table) answers: a gateway outlives silo restarts.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        foreach (var blocking in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && !hostedBefore.Contains(d)).ToList())
        {
            builder.Services.Remove(blocking);
        }

        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClusterClientConnector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterClientConnector>());
        return builder;
    }
}
