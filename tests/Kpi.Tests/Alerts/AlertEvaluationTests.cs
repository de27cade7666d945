using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Kpi.Tests.Alerts;

public sealed class AlertEvaluationTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AlertService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ACtrDropFiresASignedRetriedWebhookAndAStreamEventIsAcknowledgedAndResolvesOnceCtrRecoversPastTheMargin()
    {
        await using var hook = await WebhookReceiver.StartAsync(failFirst: 1);
        var admin = _service.CreateClient(KpiService.AdminKey);
        var analyst = _service.CreateClient(AlertService.AnalystKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("ctr-drop", "c-ctr", hook.Url))).StatusCode);
        await _service.RulesKnownAsync();
        await using var stream = await SseReader.OpenAsync(admin, "/v1/kpi/stream?campaign=c-ctr");

        await _service.TrafficAsync("c-ctr", impressions: 200, clicks: 2, prefix: "low");

        var firing = (await Eventually.GetAsync<JsonNode>(analyst, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        Assert.Equal("ctr-drop", firing["ruleId"]!.GetValue<string>());
        Assert.Equal(0.01, firing["value"]!.GetValue<double>(), 6);
        Assert.Equal(0.05, firing["threshold"]!.GetValue<double>());
        Assert.Equal("c-ctr", firing["scope"]!["campaignId"]!.GetValue<string>());
        var id = firing["id"]!.GetValue<string>();
        var pushed = await stream.ReadUntilAsync(f => f.Event == "alert");
        Assert.Equal(id, pushed.Data!["id"]!.GetValue<string>());

        await Eventually.TrueAsync(() => Task.FromResult(hook.Requests.Count >= 2), what: "a failed webhook attempt and its retry");
        Assert.All(hook.Requests, r => Assert.True(r.IsSignedWith(AlertService.Secret)));
        Assert.All(hook.Requests, r => Assert.Equal(id, r.Json["id"]!.GetValue<string>()));
        var detail = await Eventually.GetAsync<JsonNode>(analyst, $"/v1/alerts/{id}", a => a["deliveries"]!.AsArray().Count >= 2);
        Assert.Equal([500, 200], detail["deliveries"]!.AsArray().Take(2).Select(d => d!["status"]!.GetValue<int>()));
        Assert.Equal([1, 2], detail["deliveries"]!.AsArray().Take(2).Select(d => d!["attempt"]!.GetValue<int>()));

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"/v1/alerts/{id}/ack", null)).StatusCode);
        var acked = await admin.PostAsync($"/v1/alerts/{id}/ack", null);
        Assert.Equal("acknowledged", (await acked.Content.ReadFromJsonAsync<JsonNode>())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/v1/alerts/{id}/ack", null)).StatusCode);

        // 1,000 impressions, 62 clicks: 0.062, past the threshold plus its 10 % margin (AlertDecisionTests cover the margin itself).
        await _service.TrafficAsync("c-ctr", impressions: 800, clicks: 60, prefix: "high");

        var resolved = (await Eventually.GetAsync<JsonNode>(analyst, "/v1/alerts?state=resolved", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        Assert.Equal(id, resolved["id"]!.GetValue<string>());
        Assert.NotNull(resolved["resolvedAt"]);
        Assert.Equal(["firing", "acknowledged", "resolved"], resolved["history"]!.AsArray().Select(h => h!["state"]!.GetValue<string>()));
        await Eventually.TrueAsync(() => Task.FromResult(hook.Requests.Any(r => r.Json["state"]!.GetValue<string>() == "resolved")), what: "the resolved webhook");
    }

    [Fact]
    public async Task ANegativeShareRuleFiresWhenMostScoredCommentsOfTheCampaignAreNegative()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        var rule = new
        {
            id = "angry", name = "Angry comments", kind = "threshold", metric = "negativeShare", scope = new { campaignId = "c-sent" },
            comparison = "above", value = 0.5, window = "PT5M", minVolume = 3, notify = Array.Empty<object>(),
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", rule)).StatusCode);
        await _service.RulesKnownAsync();
        string[] texts = ["This is a scam", "Terrible ad, I hate it", "Nice colours", "Worst brand ever"];

        var posted = await _service.CreateClient(KpiService.ClientKey).PostAsJsonAsync("/v1/events/batch", new
        {
            events = texts.Select((text, i) => new { eventId = $"angry-{i}", type = "comment", campaignId = "c-sent", channel = "social", text }),
        });

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var firing = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        Assert.Equal("angry", firing["ruleId"]!.GetValue<string>());
        Assert.Equal(0.75, firing["value"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task ATwoImpressionCampaignWithNoClicksDoesNotFireUnderTheVolumeGuard()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("guarded", "c-few", minVolume: 100));
        await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("unguarded", "c-few", minVolume: 0));
        await _service.RulesKnownAsync();

        await _service.TrafficAsync("c-few", impressions: 2, clicks: 0, prefix: "few");

        var alerts = await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts", a => a["alerts"]!.AsArray().Count >= 1);
        Assert.Equal(["unguarded"], alerts["alerts"]!.AsArray().Select(a => a!["ruleId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AHealthRuleIsJudgedOnTheSampledGaugesWithoutAnyKpiTraffic()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        var rule = new { id = "no-dead-letters", name = "Dead letters", kind = "threshold", metric = "deadLetters", comparison = "above", value = -1, window = "PT1M" };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", rule)).StatusCode);

        var alert = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;

        Assert.Equal(("no-dead-letters", 0.0), (alert["ruleId"]!.GetValue<string>(), alert["value"]!.GetValue<double>()));
    }

    [Fact]
    public async Task AnAnomalyRuleFiresWhenCtrFallsFarBelowTheSameWindowOnTheLastSevenDays()
    {
        for (var day = 7; day >= 1; day--)
        {
            await _service.TrafficAsync("c-odd", impressions: 200, clicks: 9 + (day % 3), prefix: $"d{day}", daysAgo: day, minutesAgo: 1);
        }

        var admin = _service.CreateClient(KpiService.AdminKey);
        var rule = new { id = "odd-ctr", name = "Odd CTR", kind = "anomaly", metric = "ctr", scope = new { campaignId = "c-odd" }, comparison = "below", value = 3, window = "PT5M", minVolume = 100 };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", rule)).StatusCode);
        await _service.RulesKnownAsync();

        await _service.TrafficAsync("c-odd", impressions: 200, clicks: 0, prefix: "today", minutesAgo: 1);

        var alert = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        Assert.Equal(-3, alert["threshold"]!.GetValue<double>());
        Assert.True(alert["value"]!.GetValue<double>() < -3);
    }
}
