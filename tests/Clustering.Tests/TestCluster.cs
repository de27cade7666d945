namespace AdOrleans.Clustering.Tests;

/// <summary>Real Orleans hosts on loopback ports, clustered through one test database.</summary>
internal static class TestCluster
{
    public const string ServiceId = "adorleans-clustering-tests";

    /// <summary>
    /// Seconds instead of the production defaults (minutes), so that joins, table refreshes and death
    /// declarations happen within a test's budget.
    /// </summary>
    private static void ShortTimings(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        options.MaxJoinAttemptTime = TimeSpan.FromSeconds(20);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
    }

    public static async Task<IHost> StartSiloAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(2);
        var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ServiceId;
                })
                .ConfigureEndpoints(IPAddress.Loopback, siloPort: ports[0], gatewayPort: ports[1])
                .Configure<ClusterMembershipOptions>(ShortTimings)
                .UsePostgresClustering(connectionString))
            .ConfigureLogging(Quiet)
            .Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ServiceId;
                })
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .UsePostgresClustering(connectionString))
            .ConfigureLogging(Quiet)
            .Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static SiloAddress AddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static int GatewayPortOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress!.Endpoint.Port;

    /// <summary>The cluster as one silo sees it, through Orleans' management grain.</summary>
    public static Task<Dictionary<SiloAddress, SiloStatus>> HostsSeenBy(IHost silo, bool onlyActive) =>
        silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive);

    /// <summary>Stops, bounded by the token, and disposes; used on every exit path so that no silo outlives its test.</summary>
    public static async Task StopAsync(IHost? host, CancellationToken cancellationToken)
    {
        if (host is null)
        {
            return;
        }

        try
        {
            await host.StopAsync(cancellationToken);
        }
        finally
        {
            host.Dispose();
        }
    }

    // Warnings and errors only: enough to diagnose a failure without drowning the test output.
    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);
}
