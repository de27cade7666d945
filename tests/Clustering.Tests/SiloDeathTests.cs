namespace AdOrleans.Clustering.Tests;

[Collection(SiloCollection.Name)]
public sealed class SiloDeathTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    [PostgresFact]
    public async Task WhenOneSiloIsStoppedTheOtherSilosMembershipTableShowsItDead()
    {
        using var timeout = new CancellationTokenSource(Budget);
        await using var db = await TestDatabase.CreateAsync();
        var clusterId = "death-" + Guid.NewGuid().ToString("N")[..8];
        IHost? survivor = null, stopped = null;
        try
        {
            survivor = await TestCluster.StartSiloAsync(db.ConnectionString, clusterId, timeout.Token);
            stopped = await TestCluster.StartSiloAsync(db.ConnectionString, clusterId, timeout.Token);
            var gone = TestCluster.AddressOf(stopped);
            await Eventually.ReturnsAsync(
                () => TestCluster.HostsSeenBy(survivor, onlyActive: true),
                hosts => hosts.ContainsKey(gone),
                TimeSpan.FromSeconds(20),
                $"the survivor sees {gone} as active before it is stopped");

            await stopped.StopAsync(timeout.Token);

            // The row in the provider's table, read with plain SQL: SiloStatus.Dead is 6.
            await Eventually.ReturnsAsync(
                () => db.ScalarAsync<int>(
                    "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND address = @address AND port = @port AND generation = @generation",
                    ("cluster", clusterId), ("address", gone.Endpoint.Address.ToString()), ("port", gone.Endpoint.Port), ("generation", gone.Generation)),
                status => status == (int)SiloStatus.Dead,
                TimeSpan.FromSeconds(20),
                $"the membership table has {gone} as dead");

            // And the survivor's view of that table through the provider.
            var hosts = await Eventually.ReturnsAsync(
                () => TestCluster.HostsSeenBy(survivor, onlyActive: false),
                hosts => hosts.TryGetValue(gone, out var status) && status == SiloStatus.Dead,
                TimeSpan.FromSeconds(20),
                $"the survivor sees {gone} as dead");
            Assert.Equal(SiloStatus.Active, hosts[TestCluster.AddressOf(survivor)]);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Task.WhenAll(TestCluster.StopAsync(stopped, stopping.Token), TestCluster.StopAsync(survivor, stopping.Token));
        }
    }
}
