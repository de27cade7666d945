using Orleans.Messaging;

namespace AdOrleans.Clustering.Tests;

[Collection(SiloCollection.Name)]
public sealed class ClusterFormationTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    [PostgresFact]
    public async Task TwoSilosOnOneDatabaseSeeEachOtherAsActiveAndAClientCallsAGrainThroughTheirGateways()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();
        var clusterId = "formation-" + Guid.NewGuid().ToString("N")[..8];
        IHost? first = null, second = null, client = null;
        try
        {
            // Started together, so both migrate and join at the same time.
            var starting = new[]
            {
                TestCluster.StartSiloAsync(db.ConnectionString, clusterId, timeout.Token),
                TestCluster.StartSiloAsync(db.ConnectionString, clusterId, timeout.Token),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // Whatever started must be stopped below, even when the other silo failed to start.
                (first, second) = (Started(starting[0]), Started(starting[1]));
            }

            var both = new[] { TestCluster.AddressOf(first!), TestCluster.AddressOf(second!) };
            foreach (var silo in new[] { first!, second! })
            {
                await Eventually.ReturnsAsync(
                    () => TestCluster.HostsSeenBy(silo, onlyActive: true),
                    hosts => both.All(hosts.ContainsKey) && hosts.Values.All(s => s == SiloStatus.Active),
                    TimeSpan.FromSeconds(20),
                    $"{TestCluster.AddressOf(silo)} sees {string.Join(", ", both.AsEnumerable())} as active");
            }

            client = await TestCluster.StartClientAsync(db.ConnectionString, clusterId, timeout.Token);
            var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
            Assert.Equal(
                both.Select(s => $"{s.Endpoint.Address}:{TestCluster.GatewayPortOf(s == both[0] ? first! : second!)}").Order(),
                gateways.Select(g => $"{g.Host}:{g.Port}").Order());

            var reply = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IEchoGrain>("hello").Echo("through postgres").WaitAsync(timeout.Token);
            Assert.Equal("through postgres", reply);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await TestCluster.StopAsync(client, stopping.Token);
            await Task.WhenAll(TestCluster.StopAsync(first, stopping.Token), TestCluster.StopAsync(second, stopping.Token));
        }
    }

    private static IHost? Started(Task<IHost> start) => start.IsCompletedSuccessfully ? start.Result : null;
}
