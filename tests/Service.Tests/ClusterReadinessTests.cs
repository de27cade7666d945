using System.Net;
using AdOrleans.Log;
using AdOrleans.Silo.Operations;
using AdOrleans.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace AdOrleans.Service.Tests;

// In the process-environment collection: while a test there sets the pod's variables, a silo starting here would
// take itself for a Kubernetes pod.
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ClusterReadinessTests
{
    // Enough queues (two topics) that a share computed on the wrong ring would differ from Orleans' own.
    private const int Partitions = 16;

    [PostgresFact]
    public async Task TwoSilosOfOnePostgresClusterAreReadyReadingExactlyTheShareOrleansRingGivesEach()
    {
        await using var database = await TestDatabase.CreateAsync("adorleans_ready_test_");
        await using var first = Silo(database);
        await using var second = Silo(database);
        var silos = new[] { first, second };
        var clients = silos.Select(s => s.CreateClient()).ToList();

        await Eventually.TrueAsync(async () =>
        {
            foreach (var client in clients)
            {
                if ((await client.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }

            var owned = silos.Select(Owned).ToList();
            var all = owned.SelectMany(o => o).ToList();
            return all.Count == 2 * Partitions && all.Distinct().Count() == all.Count && silos.Zip(owned).All(s => ExpectedShare(s.First).SetEquals(s.Second));
        }, TimeSpan.FromSeconds(90), "both silos ready, each reading the queues of its arcs of the ring and together each queue once");
    }

    private static EmbeddedServiceFactory Silo(TestDatabase database) => new(new EmbeddedServiceOptions
    {
        PostgresConnectionString = database.ConnectionString,
        Partitions = Partitions,
        Settings = new Dictionary<string, string> { ["Roles"] = "silo" },
    });

    private static HashSet<TopicPartition> Owned(EmbeddedServiceFactory silo) =>
        [.. silo.Services.GetRequiredService<LogQueueStatuses>().All.Where(q => q.Owned).Select(q => q.Partition)];

    private static IReadOnlySet<TopicPartition> ExpectedShare(EmbeddedServiceFactory silo)
    {
        var active = silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
        var ring = silo.Services.GetRequiredService<IOptions<ConsistentRingOptions>>().Value;
        return QueueShare.Of(silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, active, new LogQueueMapper(Partitions), ring);
    }
}
