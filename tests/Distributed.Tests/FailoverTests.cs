using System.Diagnostics;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// Two silos and a gateway on mock Kafka and PostgreSQL, a known stream of events, and one fault in the middle.
/// Afterwards every campaign's committed total must equal the ground truth exactly: acknowledged ≤ total ≤ sent
/// per key, and the sum of totals equals the number of records in the events topic (nothing lost, nothing twice).
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class FailoverTests
{
    [PostgresFact]
    public Task WhenASiloIsKilledMidStreamTheOtherTakesOverAndEveryTotalIsExact() =>
        RunWithFaultAsync(async (cluster, siloA, _) =>
        {
            siloA.Kill();
            await Task.CompletedTask;
        });

    [PostgresFact]
    public Task WhenASiloStopsGracefullyMidStreamItHandsOverAndEveryTotalIsExact() =>
        RunWithFaultAsync(async (cluster, siloA, _) =>
        {
            await siloA.TerminateAsync(TimeSpan.FromSeconds(40));
            Assert.Equal(0, siloA.ExitCode);
        });

    [PostgresFact]
    public Task WhenABrokerGoesDownAndComesBackEveryTotalIsExact() =>
        RunWithFaultAsync(async (cluster, _, _) =>
        {
            cluster.Kafka.SetBrokerDown(1);
            await Task.Delay(TimeSpan.FromSeconds(4));
            cluster.Kafka.SetBrokerUp(1);
        });

    [PostgresFact]
    public Task WhenPostgresRestartsMidStreamSilosRetryAndEveryTotalIsExact() =>
        RunWithFaultAsync(async (_, _, _) =>
        {
            using var restart = Process.Start("pg_ctlcluster", ["15", "main", "restart"]);
            await restart.WaitForExitAsync();
            Assert.Equal(0, restart.ExitCode);
        });

    private static async Task RunWithFaultAsync(Func<TestCluster, ServiceProcess, ServiceProcess, Task> fault)
    {
        await using var cluster = await TestCluster.StartAsync();
        var silos = await Task.WhenAll(cluster.StartAsync("silo-a", "silo"), cluster.StartAsync("silo-b", "silo"));
        var gateway = await cluster.StartAsync("gateway", "gateway");
        var (siloA, siloB) = (silos[0], silos[1]);

        var stream = new EventStream();
        using var client = gateway.CreateClient(TestCluster.ClientKey);
        using var stop = new CancellationTokenSource();
        var streaming = stream.RunAsync(client, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await fault(cluster, siloA, siloB);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await streaming;

        Assert.True(stream.Acknowledged.Sum() > 500, $"only {stream.Acknowledged.Sum()} events were acknowledged");
        var appended = await cluster.WaitForCatchUpAsync(silos, TimeSpan.FromSeconds(90));
        using var admin = gateway.CreateClient(TestCluster.AdminKey);
        await stream.AssertTotalsMatchAsync(admin, appended);
    }
}
