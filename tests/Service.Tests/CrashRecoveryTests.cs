using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Service.Tests;

public sealed class CrashRecoveryTests
{
    private const int Keys = 20;

    [Fact]
    public async Task AfterAHardKillMidStreamEveryGrainTotalEqualsTheEventsAppended()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        var acked = new long[Keys];
        var sent = new long[Keys];
        try
        {
            var silo = await SiloProcess.StartAsync(dataDirectory);
            using (var client = silo.CreateClient(ServiceFactory.ClientKey))
            using (var killed = new CancellationTokenSource())
            {
                var streaming = StreamEventsAsync(client, acked, sent, killed.Token);
                await Task.Delay(TimeSpan.FromSeconds(2));
                silo.Kill();
                await killed.CancelAsync();
                await streaming;
            }

            Assert.True(acked.Sum() > 100, $"only {acked.Sum()} events were acknowledged before the kill");

            await using var restarted = await SiloProcess.StartAsync(dataDirectory);
            using var admin = restarted.CreateClient(ServiceFactory.AdminKey);
            var cluster = await Eventually.GetAsync<Cluster>(admin, "/v1/cluster", c => c.Partitions.All(p => p.Lag == 0));
            var appended = cluster.Partitions.Where(p => p.Topic == "events").Sum(p => p.EndOffset);

            long counted = 0;
            for (var k = 0; k < Keys; k++)
            {
                var response = await admin.GetAsync($"/v1/events/totals/c-{k}");
                var total = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<Totals>())!.Events : 0;
                Assert.InRange(total, acked[k], sent[k]);
                counted += total;
            }

            Assert.Equal(appended, counted);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Posts small batches round-robin over the keys until the service stops answering, and never past the
    /// kill: another test's process may bind the freed port, and its answers must not count here.
    /// </summary>
    private static async Task StreamEventsAsync(HttpClient client, long[] acked, long[] sent, CancellationToken killed)
    {
        for (var batch = 0; !killed.IsCancellationRequested; batch++)
        {
            var key = batch % Keys;
            var events = Enumerable.Range(0, 25).Select(i => Sample.Event($"b{batch}-{i}", $"c-{key}")).ToArray();
            sent[key] += events.Length;
            try
            {
                var response = await client.PostAsJsonAsync("/v1/events/batch", new { events }, killed);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return;
                }

                acked[key] += events.Length;
            }
            catch (HttpRequestException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record Cluster(List<PartitionRow> Partitions);

    private sealed record PartitionRow(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag);

    private sealed record Totals(long Events);
}
