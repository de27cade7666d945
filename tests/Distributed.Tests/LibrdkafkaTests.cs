using AdOrleans.MockKafka;
using Confluent.Kafka;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// Every process maps exactly one librdkafka, the redist's build from the app's folder: the mock cluster joins the
/// copy Confluent.Kafka chose, and nothing reaches for a system librdkafka (Debian's librdkafka1 is not a
/// prerequisite any more). They read /proc/&lt;pid&gt;/maps: on other systems they pass without checking.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class LibrdkafkaTests
{
    [Fact]
    public void TheMockClusterAndConfluentClientsShareTheBundledLibrdkafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var kafka = MockCluster.Start(1, new Dictionary<string, int> { ["probe"] = 2 });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        var topic = admin.GetMetadata("probe", TimeSpan.FromSeconds(10)).Topics.Single();

        Assert.Equal(2, topic.Partitions.Count);
        Assert.StartsWith(AppContext.BaseDirectory, Assert.Single(LoadedLibrdkafka(Environment.ProcessId)));
    }

    [PostgresFact]
    public async Task TheServiceLoadsTheBundledLibrdkafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var cluster = await TestCluster.StartAsync();
        // A silo reads and writes Kafka (the log) and is ready on its own; a gateway-only process is ready only once a silo runs.
        var silo = await cluster.StartAsync("silo", "silo");

        Assert.StartsWith(AppContext.BaseDirectory, Assert.Single(LoadedLibrdkafka(silo.Id)));
    }

    /// <summary>The distinct files named like librdkafka that the process has mapped.</summary>
    private static List<string> LoadedLibrdkafka(int processId) =>
        File.ReadLines($"/proc/{processId}/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].Contains("rdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();
}
