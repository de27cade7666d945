using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class LakeCrashTests
{
    [Fact]
    public async Task AfterAHardKillTheEventsAnArchiverHeldInMemoryAreReplayedAndArchivedExactlyOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "adorleans-lake-tests", Guid.NewGuid().ToString("N"));
        var summary = $"/v1/kpi/summary?from={Iso(T)}&to={Iso(T.AddHours(1))}";
        try
        {
            await using (var first = await StartAsync(directory, flushInterval: "01:00:00"))
            {
                using var admin = first.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
                var posted = await admin.PostAsJsonAsync("/v1/events/batch", new { events = Enumerable.Range(0, 100).Select(i => Event($"k{i}", "pageview", T.AddMinutes(i % 40), "web")).ToArray() });
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
                await Eventually.GetAsync<JsonNode>(admin, summary, s => s["totals"]!["pageviews"]!.GetValue<long>() == 100);
                // The aggregator's deliveries are done, so without the archiver's hold the receivers' next checkpoint (every
                // 200 ms) would pass the buffered events: watch five intervals' worth that it does not.
                await AssertCheckpointsStayBelowTheBufferedEventsAsync(admin, TimeSpan.FromSeconds(1));
                var manifest = JsonNode.Parse(await admin.GetStringAsync("/v1/lake/manifest"))!;
                Assert.Equal(0L, manifest["totals"]!["rows"]!.GetValue<long>());
                first.Kill();
            }

            await using var second = await StartAsync(directory, flushInterval: "00:00:00.100");
            using var analyst = second.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
            await Eventually.GetAsync<JsonNode>(analyst, "/v1/lake/manifest", m => m["totals"]!["rows"]!.GetValue<long>() >= 100);
            var counts = ReadLake(Path.Combine(directory, "lake"), "SELECT count(*), count(DISTINCT event_id) FROM {events}")[0];
            Assert.Equal([100L, 100L], counts.Select(Convert.ToInt64));
            var after = JsonNode.Parse(await analyst.GetStringAsync(summary))!;
            Assert.Equal(100L, after["totals"]!["pageviews"]!.GetValue<long>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AssertCheckpointsStayBelowTheBufferedEventsAsync(HttpClient admin, TimeSpan during)
    {
        var until = DateTime.UtcNow + during;
        do
        {
            var cluster = JsonNode.Parse(await admin.GetStringAsync("/v1/cluster"))!;
            var events = cluster["partitions"]!.AsArray().Where(p => p!["topic"]!.GetValue<string>() == "events" && p["endOffset"]!.GetValue<long>() > 0).ToList();
            Assert.NotEmpty(events);
            Assert.All(events, p => Assert.True(p!["committedOffset"]!.GetValue<long>() < p["endOffset"]!.GetValue<long>(), $"checkpoint passed buffered records: {p.ToJsonString()}"));
        }
        while (DateTime.UtcNow < until);
    }

    private static Task<ServiceProcess> StartAsync(string directory, string flushInterval) =>
        ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            DataDirectory = directory,
            Environment = new Dictionary<string, string>
            {
                ["Log__Partitions"] = "4",
                ["Kpi__Lateness"] = "01:00:00",
                ["Lake__FlushInterval"] = flushInterval,
            },
        });
}
