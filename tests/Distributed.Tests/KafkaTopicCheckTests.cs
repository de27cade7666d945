using System.Net;

namespace AdOrleans.Distributed.Tests;

[Collection(DistributedCollection.Name)]
public sealed class KafkaTopicCheckTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task AServiceStartedWhileKafkaIsDownAnswers503UntilKafkaIsBackThenBecomesReadyAndAccepts()
    {
        await using var cluster = await TestCluster.StartAsync();
        SetBrokers(cluster, up: false);
        // librdkafka's connection warnings would fill the output kept for a failure message.
        var service = await cluster.StartAsync("service", "silo,gateway", new Dictionary<string, string> { ["Logging__LogLevel__AdOrleans.Streaming.Kafka.KafkaLog"] = "Error" }, waitUntilReady: false);
        using var client = service.CreateClient(TestCluster.ClientKey);

        await Eventually.TrueAsync(async () => await StatusAsync(() => Pageviews.PostAsync(client, "while-down")) == HttpStatusCode.ServiceUnavailable, Patience, "an append answered 503");
        await Eventually.TrueAsync(async () => await StatusAsync(() => client.GetAsync("/readyz")) == HttpStatusCode.ServiceUnavailable, Patience, "readiness answered 503");

        SetBrokers(cluster, up: true);
        await service.WaitUntilReadyAsync(Patience);
        Assert.Equal(HttpStatusCode.Accepted, (await Pageviews.PostAsync(client, "after")).StatusCode);
    }

    [PostgresFact]
    public async Task ATopicWithAnotherPartitionCountFoundOnceKafkaIsBackStopsTheServiceNamingTheSetting()
    {
        await using var cluster = await TestCluster.StartAsync(partitions: 4);
        SetBrokers(cluster, up: false);
        var service = await cluster.StartAsync("service", "silo,gateway", new Dictionary<string, string> { ["Log__Partitions"] = "8" }, waitUntilReady: false);

        SetBrokers(cluster, up: true);
        await service.WaitForExitAsync(Patience);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Log:Partitions = 8", service.Output);
        Assert.Contains("events has 4", service.Output);
    }

    private static void SetBrokers(TestCluster cluster, bool up)
    {
        for (var broker = 1; broker <= cluster.Kafka.Brokers; broker++)
        {
            if (up)
            {
                cluster.Kafka.SetBrokerUp(broker);
            }
            else
            {
                cluster.Kafka.SetBrokerDown(broker);
            }
        }
    }

    /// <summary>The status, or 0 while the process does not answer HTTP yet.</summary>
    private static async Task<HttpStatusCode> StatusAsync(Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            return (await request()).StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

}
