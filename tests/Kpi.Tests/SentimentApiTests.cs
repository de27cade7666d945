using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Gateway.Sentiment;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

/// <summary>Social texts posted through the gateway, scored, rolled up per campaign and brand, and read back over HTTP.</summary>
public sealed class SentimentApiTests
{
    private const string AcmeKey = "sentiment-acme-key";
    private const string OtherKey = "sentiment-other-key";

    private static readonly string[] CampaignTexts = ["I love this product", "Terrible, a total scam", "It arrived on Tuesday"];

    private static EmbeddedServiceFactory Start(string? postgres) => KpiService.Create(postgresConnectionString: postgres, settings: new Dictionary<string, string>
    {
        ["Auth:Advertisers:acme:Keys"] = AcmeKey,
        ["Auth:Advertisers:other:Keys"] = OtherKey,
    });

    private static object Social(string id, string type, string? campaign, string text) =>
        new { eventId = id, type, campaignId = campaign, channel = "social", occurredAt = T.AddMinutes(5), text };

    private static string Window => $"from={Iso(T)}&to={Iso(T.AddHours(1))}";

    /// <summary>What the rollups hold: each score rounded to thousandths, then averaged.</summary>
    private static double Mean(IEnumerable<string> texts) =>
        texts.Average(t => Math.Round(SentimentScorer.Score(t) * 1000, MidpointRounding.AwayFromZero)) / 1000;

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task PostsAndCommentsAreCountedByClassWithTheirMeanScorePerCampaignBrandAndOverall(string store)
    {
        await using var database = store == KpiWorld.Postgres ? await TestDatabase.CreateAsync(KpiService.DatabasePrefix) : null;
        await using var service = Start(database?.ConnectionString);
        var admin = service.CreateClient(KpiService.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/campaigns", new
        {
            id = "s-1", name = "Social", advertiser = "acme", channel = "social", bidType = "cpm", bidMicros = 1_000_000, totalBudgetMicros = 100_000_000,
            creatives = new[] { new { id = "s-1-cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
        })).StatusCode);
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonArray>("/v1/campaigns"))!.Count == 1);
        var posted = await service.CreateClient(KpiService.ClientKey).PostAsJsonAsync("/v1/events/batch", new
        {
            events = new[]
            {
                Social("s1", "post", "s-1", CampaignTexts[0]), Social("s2", "comment", "s-1", CampaignTexts[1]),
                Social("s3", "comment", "s-1", CampaignTexts[2]), Social("s4", "comment", null, "Great!!"),
                Social("s5", "like", "s-1", null!),
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        // The totals come from the channel rollup and the brands from the campaign rollup: rows that become visible one after the other.
        var all = await EventuallyAsync(admin, $"/v1/kpi/sentiment?{Window}", r => r.L("scored") == 4 && r["brands"]!.AsArray().SingleOrDefault()?["sentiment"]!.L("scored") == 3);
        Assert.Equal((2L, 1L, 1L), (all.L("positive"), all.L("neutral"), all.L("negative")));
        Assert.Equal(Mean([.. CampaignTexts, "Great!!"]), all["meanScore"]!.GetValue<double>(), 9);
        var brand = all["brands"]!.AsArray().Single()!;
        Assert.Equal("acme", brand["advertiser"]!.GetValue<string>());
        Assert.Equal(3, brand["sentiment"]!.L("scored"));

        var campaign = await GetAsync(admin, $"/v1/kpi/sentiment?{Window}&campaignId=s-1");
        Assert.Equal((1L, 1L, 1L), (campaign.L("positive"), campaign.L("neutral"), campaign.L("negative")));
        Assert.Equal(Mean(CampaignTexts), campaign["meanScore"]!.GetValue<double>(), 9);
        Assert.Equal(1 / 3.0, campaign["negativeShare"]!.GetValue<double>(), 9);
        var series = await GetAsync(admin, $"/v1/kpi/campaigns/s-1?{Window}");
        Assert.Equal(Mean(CampaignTexts), series["totals"]!["sentimentScore"]!.GetValue<double>(), 9);

        Assert.Equal(3, (await GetAsync(service.CreateClient(AcmeKey), $"/v1/kpi/sentiment?{Window}")).L("scored"));
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(OtherKey).GetAsync($"/v1/kpi/sentiment?{Window}&campaignId=s-1")).StatusCode);
        Assert.Equal(0, (await GetAsync(service.CreateClient(OtherKey), $"/v1/kpi/sentiment?{Window}")).L("scored"));
    }

    [Fact]
    public async Task TextOnAnEventThatIsNotAPostOrCommentIsABadRequestNamingTheField()
    {
        await using var service = Start(null);

        var response = await service.CreateClient(KpiService.ClientKey).PostAsJsonAsync("/v1/events",
            new { eventId = "t1", type = "pageview", channel = "web", text = "lovely page" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["text"]);
        var badTime = await service.CreateClient(KpiService.AdminKey).GetAsync("/v1/kpi/sentiment?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
    }
}
