using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Distributed.Tests;

[Collection(DistributedCollection.Name)]
public sealed class GatewayTests
{
    [PostgresFact]
    public async Task WhileKafkaIsUnreachableEventsGet503WithRetryAfterAndNever202()
    {
        await using var cluster = await TestCluster.StartAsync();
        // A gateway-only process is ready once its Orleans client reached a silo.
        await cluster.StartAsync("silo", "silo");
        var gateway = await cluster.StartAsync("gateway", "gateway");
        using var client = gateway.CreateClient(TestCluster.ClientKey);
        Assert.Equal(HttpStatusCode.Accepted, (await Pageviews.PostAsync(client, "before")).StatusCode);

        for (var broker = 1; broker <= cluster.Kafka.Brokers; broker++)
        {
            cluster.Kafka.SetBrokerDown(broker);
        }

        for (var i = 0; i < 3; i++)
        {
            var response = await Pageviews.PostAsync(client, $"down-{i}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        for (var broker = 1; broker <= cluster.Kafka.Brokers; broker++)
        {
            cluster.Kafka.SetBrokerUp(broker);
        }

        await Eventually(async () => (await Pageviews.PostAsync(client, "after")).StatusCode == HttpStatusCode.Accepted);
    }

    [PostgresFact]
    public async Task AGatewayOnlyProcessRunsNoPartitionsAndASiloOnlyProcessServesNoEvents()
    {
        await using var cluster = await TestCluster.StartAsync();
        var silo = await cluster.StartAsync("silo", "silo");
        var gateway = await cluster.StartAsync("gateway", "gateway");
        using var gatewayAdmin = gateway.CreateClient(TestCluster.AdminKey);
        var view = await gatewayAdmin.GetFromJsonAsync<ClusterView>("/v1/cluster");
        Assert.Empty(view!.Partitions);

        using var siloClient = silo.CreateClient(TestCluster.ClientKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Pageviews.PostAsync(siloClient, "x")).StatusCode);
    }

    [PostgresFact]
    public async Task AGatewayOnlyProcessStreamsTheKpiChangesASiloCommits()
    {
        await using var cluster = await TestCluster.StartAsync();
        var silo = await cluster.StartAsync("silo", "silo");
        var gateway = await cluster.StartAsync("gateway", "gateway");
        using var admin = gateway.CreateClient(TestCluster.AdminKey);
        using var client = gateway.CreateClient(TestCluster.ClientKey);
        await using var stream = await SseReader.OpenAsync(admin, "/v1/kpi/stream?campaign=c-1");

        // Silos learn within about a second that a process has stream clients; commits before that reach the stream
        // as a reset, not as changes. So events keep coming until a change arrives.
        using var stop = new CancellationTokenSource();
        var posting = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await Pageviews.PostAsync(client, $"live-{i}");
                await Task.Delay(250, CancellationToken.None);
            }
        });
        try
        {
            var change = await stream.ReadUntilAsync(f => f.Event == "kpi");
            Assert.Equal(("campaign", "c-1"), (change.Data!["dimension"]!.GetValue<string>(), change.Data!["dimensionId"]!.GetValue<string>()));
            Assert.True(change.Data!["values"]!["pageviews"]!.GetValue<long>() >= 1);
            Assert.False(silo.HasExited);
        }
        finally
        {
            await stop.CancelAsync();
            await posting;
        }
    }


    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the condition did not hold within 30 s");
    }

    private sealed record ClusterView(List<object> Partitions);
}
