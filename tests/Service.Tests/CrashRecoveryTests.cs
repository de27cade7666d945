using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Service.Tests;

public sealed class CrashRecoveryTests
{
    private const int Keys = 20;
    private const int KillAfterAcknowledged = 500;

    [Fact]
    public async Task AfterAHardKillMidStreamEveryGrainTotalEqualsTheEventsAppended()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        var acked = new long[Keys];
        var sent = new long[Keys];
        try
        {
            await StreamThenKillAsync(dataDirectory, acked, sent, []);

            Assert.True(acked.Sum() > 100, $"only {acked.Sum()} events were acknowledged before the kill");

            await using var restarted = await StartSiloAsync(dataDirectory);
            using var admin = restarted.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
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

    [Fact]
    public async Task AfterAHardKillAndRestartClientRetriesOfEveryAcknowledgedEventAreCountedOnceInTotalsAndKpis()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        var acked = new long[Keys];
        var ackedBatches = new List<object[]>();
        try
        {
            await StreamThenKillAsync(dataDirectory, acked, new long[Keys], ackedBatches);
            Assert.True(acked.Sum() > 100, $"only {acked.Sum()} events were acknowledged before the kill");

            await using var restarted = await StartSiloAsync(dataDirectory);
            using var admin = restarted.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
            using var client = restarted.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
            await Eventually.GetAsync<Cluster>(admin, "/v1/cluster", c => c.Partitions.All(p => p.Lag == 0));
            var totalsBefore = await TotalsAsync(admin);
            var purchasesBefore = await PurchasesAsync(admin);

            foreach (var events in ackedBatches)
            {
                var response = await client.PostAsJsonAsync("/v1/events/batch", new { events });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            var cluster = await Eventually.GetAsync<Cluster>(admin, "/v1/cluster",
                c => c.Partitions.All(p => p.Lag == 0) && c.Partitions.Sum(p => p.DuplicatesDropped) >= acked.Sum());
            Assert.Equal(acked.Sum(), cluster.Partitions.Sum(p => p.DuplicatesDropped));
            Assert.Equal(totalsBefore, await TotalsAsync(admin));
            Assert.Equal(purchasesBefore, await PurchasesAsync(admin));
            for (var k = 0; k < Keys; k++)
            {
                Assert.True(totalsBefore[k] >= acked[k], $"key c-{k}: {totalsBefore[k]} counted, {acked[k]} acknowledged");
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task StreamThenKillAsync(string dataDirectory, long[] acked, long[] sent, List<object[]> ackedBatches)
    {
        var silo = await StartSiloAsync(dataDirectory);
        // Purchases that name a campaign without a click's token need a key that vouches for it: admin.
        using var client = silo.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
        using var killed = new CancellationTokenSource();
        var streaming = StreamEventsAsync(client, acked, sent, ackedBatches, killed.Token);
        // Killed mid-stream once enough is acknowledged (not after a fixed time: a loaded machine acknowledges less per second).
        await Eventually.TrueAsync(() => Task.FromResult(streaming.IsCompleted || acked.Sum() >= KillAfterAcknowledged),
            TimeSpan.FromSeconds(60), $"{KillAfterAcknowledged} acknowledged events");
        silo.Kill();
        await killed.CancelAsync();
        await streaming;
    }

    /// <summary>The service as a real process on <paramref name="dataDirectory"/>, so it can be killed hard and restarted on the same files.</summary>
    private static Task<ServiceProcess> StartSiloAsync(string dataDirectory) =>
        ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            DataDirectory = dataDirectory,
            Environment = new Dictionary<string, string> { ["Log__Partitions"] = "4" },
        });

    private static async Task<long[]> TotalsAsync(HttpClient admin)
    {
        var totals = new long[Keys];
        for (var k = 0; k < Keys; k++)
        {
            var response = await admin.GetAsync($"/v1/events/totals/c-{k}");
            totals[k] = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<Totals>())!.Events : 0;
        }

        return totals;
    }

    /// <summary>Purchases and their revenue over the last day, as the KPI API reports them.</summary>
    private static async Task<(long Purchases, long RevenueMicros)> PurchasesAsync(HttpClient admin)
    {
        var summary = await admin.GetFromJsonAsync<KpiSummary>("/v1/kpi/summary");
        return (summary!.Totals.Purchases, summary.Totals.RevenueMicros);
    }

    /// <summary>
    /// Posts small batches round-robin over the keys until the service stops answering, and never past the
    /// kill: another test's process may bind the freed port, and its answers must not count here.
    /// </summary>
    private static async Task StreamEventsAsync(HttpClient client, long[] acked, long[] sent, List<object[]> ackedBatches, CancellationToken killed)
    {
        for (var batch = 0; !killed.IsCancellationRequested; batch++)
        {
            var key = batch % Keys;
            var events = Enumerable.Range(0, 25).Select(i => Sample.Event($"b{batch}-{i}", $"c-{key}", "purchase", 1_000_000)).ToArray();
            sent[key] += events.Length;
            try
            {
                var response = await client.PostAsJsonAsync("/v1/events/batch", new { events }, killed);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return;
                }

                acked[key] += events.Length;
                ackedBatches.Add(events);
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

    private sealed record PartitionRow(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag, long DuplicatesDropped);

    private sealed record KpiSummary(KpiTotals Totals);

    private sealed record KpiTotals(long Purchases, long RevenueMicros);

    private sealed record Totals(long Events);
}
