using System.Net;
using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Operations;
using AdOrleans.Persistence.Postgres.Clustering;
using AdOrleans.Persistence.Postgres.GrainStorage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Microsoft.Extensions.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// An Orleans silo in this process: localhost clustering embedded, PostgreSQL membership when configured; the
    /// group-commit storage for the grains written per event, and for those written per admin command either the
    /// same (embedded) or Orleans' ADO.NET provider on PostgreSQL; the log as the stream provider that feeds the grains.
    /// </summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new OrleansOptions();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrleansOptions>, OrleansOptionsValidator>();
        builder.Services.AddAdOrleansGrains();
        builder.Services.AddSingleton<SiloReadiness>();
        builder.UseOrleans(silo =>
        {
            var siloPort = orleans.SiloPort == 0 ? FreePort.Pick() : orleans.SiloPort;
            var gatewayPort = orleans.GatewayPort == 0 ? FreePort.Pick() : orleans.GatewayPort;
            silo.Services.AddKeyedSingleton<IGrainStorage, GroupCommitGrainStorage>(StorageProviders.PerEvent);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                silo.Services.AddKeyedSingleton<IGrainStorage, GroupCommitGrainStorage>(StorageProviders.PerCommand);
            }
            else
            {
                var connectionString = PostgresHostingExtensions.WithPoolDefault(postgres);
                silo.UsePostgresClustering(connectionString);
                silo.AddPostgresGrainStorage(StorageProviders.PerCommand, connectionString);
                silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (orleans.ServiceId, orleans.ClusterId));
                silo.ConfigureEndpoints(IPAddress.TryParse(orleans.AdvertisedAddress, out var address) ? address : IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }

            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = orleans.IdleDeactivationAge);
            silo.AddLogStreams(builder.Configuration);
            if (orleans.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        return builder;
    }
}
