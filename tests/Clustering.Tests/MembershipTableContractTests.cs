using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService;

namespace AdOrleans.Clustering.Tests;

/// <summary>
/// Drives Orleans' own ADO.NET membership table against our SQL, call by call, for the parts of the protocol a
/// two-silo run does not reliably reach: refused stale writes, suspicions, gateways, cleanup and deletion.
/// </summary>
public sealed class MembershipTableContractTests : IDisposable
{
    /// <summary>Every call of the class is bounded by this one deadline, so a stuck query fails the test instead of hanging it.</summary>
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    private CancellationToken Token => _timeout.Token;

    [PostgresFact]
    public async Task WritesWithTheCurrentTableVersionLandAndMoveItWhileStaleOnesAreRefusedAndChangeNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, Token);
        var table = await TableAsync(db, "contract");

        var start = await table.ReadAllAsync(Token);
        Assert.Empty(start.Members);
        var a = Entry(port: 11111, proxyPort: 30000, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(a, start.Version.Next(), Token));
        Assert.False(await table.InsertRowAsync(Entry(port: 11112, proxyPort: 30001, SiloStatus.Joining), start.Version.Next(), Token));
        Assert.False(await table.InsertRowAsync(a, (await table.ReadAllAsync(Token)).Version.Next(), Token));

        var afterInsert = await table.ReadAllAsync(Token);
        Assert.Equal(start.Version.Version + 1, afterInsert.Version.Version);
        var stored = Assert.Single(afterInsert.Members).Item1;
        Assert.Equal((a.SiloAddress, a.SiloName, a.HostName, a.Status, a.ProxyPort, a.StartTime, a.IAmAliveTime),
            (stored.SiloAddress, stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort, stored.StartTime, stored.IAmAliveTime));

        var suspect = Entry(port: 22222, proxyPort: 0, SiloStatus.Active).SiloAddress;
        a.Status = SiloStatus.Active;
        a.SuspectTimes = [Tuple.Create(suspect, a.IAmAliveTime)];
        // The provider hands out the table version as every row's etag and sends it back as @Version.
        Assert.Equal(afterInsert.Version.VersionEtag, afterInsert.Members[0].Item2);
        Assert.False(await table.UpdateRowAsync(a, start.Version.VersionEtag, start.Version.Next(), Token));
        Assert.True(await table.UpdateRowAsync(a, afterInsert.Members[0].Item2, afterInsert.Version.Next(), Token));

        var afterUpdate = await table.ReadRowAsync(a.SiloAddress, Token);
        Assert.Equal(afterInsert.Version.Version + 1, afterUpdate.Version.Version);
        var updated = Assert.Single(afterUpdate.Members).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Equal(suspect, Assert.Single(updated.SuspectTimes ?? []).Item1);

        // Heartbeats are not membership changes and leave the version alone.
        a.IAmAliveTime = a.IAmAliveTime.AddSeconds(5);
        await table.UpdateIAmAliveAsync(a, Token);
        var afterHeartbeat = await table.ReadRowAsync(a.SiloAddress, Token);
        Assert.Equal(afterUpdate.Version.Version, afterHeartbeat.Version.Version);
        Assert.Equal(a.IAmAliveTime, Assert.Single(afterHeartbeat.Members).Item1.IAmAliveTime);

        var missing = await table.ReadRowAsync(suspect, Token);
        Assert.Empty(missing.Members);
        Assert.Equal(afterUpdate.Version.Version, missing.Version.Version);
    }

    [PostgresFact]
    public async Task GatewaysAreTheActiveSilosWithAProxyPortAndCleanupRemovesOnlyDeadSilosWithoutActivitySinceTheCutoff()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrleansSchema.MigrateAsync(db.ConnectionString, TestCluster.ServiceId, Token);
        var table = await TableAsync(db, "gateways");
        var other = await TableAsync(db, "another-cluster");

        var active = Entry(port: 11111, proxyPort: 30000, SiloStatus.Active);
        var noGateway = Entry(port: 11112, proxyPort: 0, SiloStatus.Active);
        var joining = Entry(port: 11113, proxyPort: 30003, SiloStatus.Joining);
        var longDead = Entry(port: 11114, proxyPort: 30004, SiloStatus.Dead, aliveAgo: TimeSpan.FromHours(2));
        var longDeadWithOldVotes = Entry(port: 11117, proxyPort: 30007, SiloStatus.Dead, aliveAgo: TimeSpan.FromHours(3));
        var longDeadWithRecentVotes = Entry(port: 11118, proxyPort: 30008, SiloStatus.Dead, aliveAgo: TimeSpan.FromHours(3));
        var recentlyDead = Entry(port: 11115, proxyPort: 30005, SiloStatus.Dead);
        foreach (var entry in new[] { active, noGateway, joining, longDead, longDeadWithOldVotes, longDeadWithRecentVotes, recentlyDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Token)).Version.Next(), Token));
        }

        // Votes arrive through updates only; a vote newer than the cutoff keeps the row for the next cleanup.
        longDeadWithOldVotes.SuspectTimes = [Tuple.Create(active.SiloAddress, longDeadWithOldVotes.IAmAliveTime)];
        longDeadWithRecentVotes.SuspectTimes = [Tuple.Create(active.SiloAddress, DateTime.UtcNow)];
        foreach (var entry in new[] { longDeadWithOldVotes, longDeadWithRecentVotes })
        {
            var read = await table.ReadAllAsync(Token);
            Assert.True(await table.UpdateRowAsync(entry, read.Version.VersionEtag, read.Version.Next(), Token));
        }

        Assert.True(await other.InsertRowAsync(Entry(port: 11116, proxyPort: 30006, SiloStatus.Active), (await other.ReadAllAsync(Token)).Version.Next(), Token));

        var gateways = await GatewaysAsync(db, "gateways");
        Assert.Equal(new Uri($"gwy.tcp://127.0.0.1:30000/{active.SiloAddress.Generation}"), Assert.Single(gateways));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), Token);
        Assert.Equal(
            new[] { active, noGateway, joining, longDeadWithRecentVotes, recentlyDead }.Select(e => e.SiloAddress).Order(),
            (await table.ReadAllAsync(Token)).Members.Select(m => m.Item1.SiloAddress).Order());

        await table.DeleteMembershipTableEntriesAsync("gateways", Token);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'gateways'"));
        Assert.Single((await other.ReadAllAsync(Token)).Members);
    }

    private async Task<AdoNetClusteringTable> TableAsync(TestDatabase db, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = TestCluster.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresClusteringHostingExtensions.Invariant, ConnectionString = db.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Token);
        return table;
    }

    private async Task<IList<Uri>> GatewaysAsync(TestDatabase db, string clusterId)
    {
        using var client = new HostBuilder()
            .UseOrleansClient(c => c
                .Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = TestCluster.ServiceId; })
                .UsePostgresClustering(db.ConnectionString))
            .Build();
        var provider = client.Services.GetRequiredService<Orleans.Messaging.IGatewayListProvider>();
        await provider.InitializeGatewayListProviderAsync(Token);
        return await provider.GetGatewaysAsync(Token);
    }

    public void Dispose() => _timeout.Dispose();

    private static MembershipEntry Entry(int port, int proxyPort, SiloStatus status, TimeSpan aliveAgo = default)
    {
        // Whole milliseconds: PostgreSQL keeps microseconds, so a DateTime with ticks would not round-trip exactly.
        var now = DateTime.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 42),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = now - aliveAgo,
            IAmAliveTime = now - aliveAgo,
        };
    }
}
