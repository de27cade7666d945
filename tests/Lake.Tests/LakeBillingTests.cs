using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class LakeBillingTests
{
    [Fact]
    public async Task BillingLinesOfAClosedHourAreArchivedAndQueryableWithTheBillingReportsTotals()
    {
        var report = $"/v1/reports/billing?from={Iso(T)}&to={Iso(T.AddHours(1))}";
        string directory;
        JsonNode billed;
        // First life without the lake: the hour's lines are complete before any archiver looks at them.
        await using (var first = Create(deleteOnDispose: false, settings: new Dictionary<string, string> { ["Lake:Enabled"] = "false" }))
        {
            directory = first.DataDirectory;
            var admin = first.CreateClient(AdminKey);
            var created = await admin.PostAsJsonAsync("/v1/campaigns", new
            {
                id = "bill-1", name = "Billed", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 1_000_000,
                totalBudgetMicros = 50_000_000, dailyBudgetMicros = 0, pacing = "asap", targeting = new { slots = Array.Empty<string>() },
                creatives = new[] { new { id = "bill-1-cr", url = "https://cdn.example/b.png", width = 300, height = 250 } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await Eventually.TrueAsync(async () => (await admin.GetAsync("/v1/campaigns/bill-1")).StatusCode == HttpStatusCode.OK);
            // Received three hours ago: the hour is closed (Lake:BillingCloseAfter is 1 h).
            var log = first.Services.GetRequiredService<IPartitionedLog>();
            var conversions = Enumerable.Range(0, 5).Select(i => new TrackedEvent
            {
                EventId = $"bc{i}", Type = EventTypes.Conversion, CampaignId = "bill-1", CreativeId = "bill-1-cr", Channel = "display",
                ValueMicros = 1_000, OccurredAt = T.AddMinutes(i), ReceivedAt = T.AddMinutes(i),
            });
            await log.AppendAsync(Topics.Events, [.. conversions.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent)))], CancellationToken.None);
            billed = await Eventually.GetAsync<JsonNode>(admin, report, r => r["total"]!["conversions"]!.GetValue<long>() == 5);
        }

        await using var second = Create(directory, settings: new Dictionary<string, string> { ["Lake:MaintenanceInterval"] = "00:00:00.200" });
        var analyst = second.CreateClient(AnalystKey);
        var manifest = await Eventually.GetAsync<JsonNode>(analyst, "/v1/lake/manifest", m => m["files"]!.AsArray().Any(f => f!["dataset"]!.GetValue<string>() == "billing"));
        var file = manifest["files"]!.AsArray().Single(f => f!["dataset"]!.GetValue<string>() == "billing")!;
        Assert.Equal($"billing/date={T.UtcDateTime:yyyy-MM-dd}/hour-{T.UtcDateTime:HH}.parquet", file["path"]!.GetValue<string>());

        var response = await analyst.PostAsJsonAsync("/v1/lake/query", new { sql = "SELECT campaign_id, creative_id, sum(conversions), sum(spend_micros) FROM billing GROUP BY ALL" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rows"]!.AsArray();
        var line = billed["lines"]!.AsArray().Single()!;
        Assert.Equal(JsonSerializer.Serialize(new object[] { "bill-1", "bill-1-cr", line["conversions"]!.GetValue<long>(), line["spendMicros"]!.GetValue<long>() }),
            Assert.Single(rows)!.ToJsonString());
    }
}
