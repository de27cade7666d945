using System.Net;
using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Hosting.Kubernetes;
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
    /// same (embedded) or Orleans' ADO.NET provider on PostgreSQL; the log as the stream provider that feeds the grains;
    /// Orleans' Kubernetes hosting when <see cref="OrleansOptions.Kubernetes"/> says so.
    /// </summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new OrleansOptions();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var pod = PodEnvironment.FromProcess();
        // Hosting that lacks a variable is left out: the package's own check would throw at the first use of the silo's
        // details, naming one variable, before the validator below stops the start naming every one.
        var kubernetes = pod.Enables(orleans.Kubernetes) && pod.Complete;
        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrleansOptions>, OrleansOptionsValidator>();
        builder.Services.AddSingleton(pod);
        builder.Services.AddSingleton<IValidateOptions<OrleansOptions>, KubernetesHostingValidator>();
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
                var advertised = kubernetes ? pod.PodIp : orleans.AdvertisedAddress;
                silo.ConfigureEndpoints(IPAddress.TryParse(advertised, out var address) ? address : IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }

            if (kubernetes)
            {
                // Names the silo after its pod and runs the pod watcher; membership stays in PostgreSQL (the validator
                // stops a start without it before the watcher runs).
                silo.UseKubernetesHosting();
            }

            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = orleans.IdleDeactivationAge);
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = orleans.DirectoryCacheSize);
            silo.AddLogStreams(builder.Configuration);
            silo.Services.AddHostedService<PartitionStallWatch>();
            if (orleans.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        return builder;
    }
}
