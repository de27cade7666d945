using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Grains.Automation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

/// <summary>Automation rules over HTTP: segment triggers with signed webhooks, inactivity waits emitting events, validation, roles and audit.</summary>
public sealed class AutomationTests : IAsyncLifetime
{
    private const string Analyst = "automation-analyst-key";
    private const string Secret = "automation-secret";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        Settings = new Dictionary<string, string>
        {
            ["Auth:AnalystKeys"] = Analyst,
            ["Automation:RetryDelay"] = "00:00:00.050",
        },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_purchase_by_a_user_in_the_segment_fires_the_signed_webhook_once_and_neither_a_retry_nor_an_outsider_fires()
    {
        await using var hook = await WebhookReceiver.StartAsync(failFirst: 1);
        await PutSegmentAsync("vip");
        await CreateAsync(new
        {
            id = "vip-buys", name = "VIP purchase", segmentId = "vip", trigger = new { @event = "purchase" },
            action = new { webhook = new { url = hook.Url, secret = Secret } }, windowHours = 24,
        });

        await PostEventsAsync(
            new { eventId = "v-1", type = "pageview", channel = "web", userId = "u-vip", segments = new[] { "vip" } },
            new { eventId = "p-1", type = "purchase", channel = "web", userId = "u-vip", valueMicros = 1_000_000 },
            new { eventId = "o-1", type = "purchase", channel = "web", userId = "u-out", valueMicros = 1_000_000 });
        await PostEventsAsync(new { eventId = "p-1", type = "purchase", channel = "web", userId = "u-vip", valueMicros = 1_000_000 });
        await PostEventsAsync(new { eventId = "p-2", type = "purchase", channel = "web", userId = "u-vip", valueMicros = 2_000_000 });
        // Same log key, appended last: once it fired, every event before it was evaluated.
        await PostEventsAsync(new { eventId = "m-1", type = "purchase", channel = "web", userId = "u-marker", segments = new[] { "vip" } });

        var firings = await Eventually.GetAsync<JsonNode>(Reader, "/v1/automations/vip-buys/firings", f => f["total"]!.GetValue<long>() >= 2);
        Assert.Equal(2, firings["total"]!.GetValue<long>());
        Assert.Equal(["u-marker", "u-vip"], firings["firings"]!.AsArray().Select(f => f!["userId"]!.GetValue<string>()).Order());

        await Eventually.TrueAsync(() => Task.FromResult(hook.Requests.Count >= 3), what: "a failed attempt, its retry and the marker's webhook");
        Assert.All(hook.Requests, r => Assert.True(r.IsSignedWith(Secret)));
        Assert.Equal(["u-marker", "u-vip"], hook.Requests.Select(r => r.Json["userId"]!.GetValue<string>()).Distinct().Order());
        var vip = (await Eventually.GetAsync<JsonNode>(Reader, "/v1/automations/vip-buys/firings",
            f => f["firings"]!.AsArray().Sum(x => x!["attempts"]!.AsArray().Count) >= 3))["firings"]!.AsArray();
        var attempts = vip.SelectMany(f => f!["attempts"]!.AsArray()).Select(a => (a!["attempt"]!.GetValue<int>(), a["status"]!.GetValue<int>())).Order().ToList();
        Assert.Equal([(1, 200), (1, 500), (2, 200)], attempts);
    }

    [Fact]
    public async Task An_inactivity_rule_emits_its_event_once_for_the_user_who_did_not_purchase_and_not_for_the_one_who_did()
    {
        await CreateAsync(new
        {
            id = "win-back", name = "No purchase", trigger = new { notDoneEvent = "purchase", days = 3.0 / 86_400 },
            action = new { emitEvent = new { type = "email_sent", channel = "email" } },
        });

        await PostEventsAsync(
            new { eventId = "b-1", type = "pageview", channel = "web", userId = "u-buyer" },
            new { eventId = "b-2", type = "purchase", channel = "web", userId = "u-buyer", valueMicros = 5 },
            new { eventId = "i-1", type = "pageview", channel = "web", userId = "u-idle" });

        var fired = await Eventually.GetAsync<JsonNode>(Reader, "/v1/automations/win-back/firings", f => f["total"]!.GetValue<long>() >= 1);
        var firing = Assert.Single(fired["firings"]!.AsArray())!;
        Assert.Equal(("u-idle", "notDone", "i-1"), (firing["userId"]!.GetValue<string>(), firing["reason"]!.GetValue<string>(), firing["eventId"]!.GetValue<string>()));

        var totals = await Eventually.GetAsync<JsonNode>(Admin, "/v1/events/totals/channel:email", t => t["byType"]?["email_sent"] is not null);
        Assert.Equal(1, totals["byType"]!["email_sent"]!.GetValue<long>());
        var attempt = (await Eventually.GetAsync<JsonNode>(Reader, "/v1/automations/win-back/firings",
            f => f["firings"]![0]!["attempts"]!.AsArray().Count == 1))["firings"]![0]!["attempts"]![0]!;
        Assert.Equal(("log", 202), (attempt["target"]!.GetValue<string>(), attempt["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Erasing_a_user_removes_the_firings_that_name_it_and_reports_the_automation_store()
    {
        await CreateAsync(new
        {
            id = "any-buy", name = "Any purchase", trigger = new { @event = "purchase" },
            action = new { emitEvent = new { type = "email_sent", channel = "email" } },
        });
        await PostEventsAsync(
            new { eventId = "e-1", type = "purchase", channel = "web", userId = "u-erase-7f3a" },
            new { eventId = "k-1", type = "purchase", channel = "web", userId = "u-keep-7f3a" });
        await Eventually.GetAsync<JsonNode>(Reader, "/v1/automations/any-buy/firings", f => f["total"]!.GetValue<long>() == 2);

        var response = await Admin.DeleteAsync("/v1/users/u-erase-7f3a");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Eventually.GetAsync<JsonNode>(Admin, response.Headers.Location!.OriginalString,
            j => j["state"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(60));

        var store = job["stores"]!.AsArray().Single(s => s!["store"]!.GetValue<string>() == "automation")!;
        Assert.Equal(("completed", 2L), (store["state"]!.GetValue<string>(), store["erased"]!.GetValue<long>()));
        var firings = await Reader.GetFromJsonAsync<JsonNode>("/v1/automations/any-buy/firings");
        Assert.Equal(["u-keep-7f3a"], firings!["firings"]!.AsArray().Select(f => f!["userId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"event\":\"teleport\"},\"action\":{\"emitEvent\":{\"type\":\"email_sent\",\"channel\":\"email\"}}}", "trigger.event")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"notDoneEvent\":\"purchase\",\"days\":0},\"action\":{\"emitEvent\":{\"type\":\"email_sent\",\"channel\":\"email\"}}}", "trigger.days")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"notDoneEvent\":\"purchase\",\"days\":-2},\"action\":{\"emitEvent\":{\"type\":\"email_sent\",\"channel\":\"email\"}}}", "trigger.days")]
    [InlineData("{\"name\":\"x\",\"segmentId\":\"nobody-defined-this\",\"trigger\":{\"event\":\"purchase\"},\"action\":{\"emitEvent\":{\"type\":\"email_sent\",\"channel\":\"email\"}}}", "segmentId")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"event\":\"purchase\"}}", "action")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"event\":\"purchase\"},\"action\":{\"webhook\":{\"url\":\"not a url\"}}}", "action.webhook.url")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"event\":\"pageview\"},\"action\":{\"emitEvent\":{\"type\":\"purchase\",\"channel\":\"web\"}}}", "action.emitEvent.type")]
    [InlineData("{\"name\":\"x\",\"trigger\":{\"event\":\"pageview\"},\"action\":{\"emitEvent\":{\"type\":\"email_sent\",\"channel\":\"email\"}},\"windowHours\":0}", "windowHours")]
    public async Task A_bad_rule_is_a_400_naming_the_field(string body, string field)
    {
        var response = await Admin.PostAsync("/v1/automations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task Analysts_read_rules_only_admins_change_them_and_the_audit_log_records_create_and_delete()
    {
        var rule = new { id = "roles", name = "Roles", trigger = new { @event = "purchase" }, action = new { webhook = new { url = "http://127.0.0.1:9/hook", secret = Secret } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await Reader.PostAsJsonAsync("/v1/automations", rule)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(_service.ClientKey).GetAsync("/v1/automations")).StatusCode);
        await CreateAsync(rule);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostAsJsonAsync("/v1/automations", rule)).StatusCode);

        var listed = await Reader.GetFromJsonAsync<JsonNode>("/v1/automations");
        var shown = Assert.Single(listed!["automations"]!.AsArray())!;
        Assert.Null(shown["action"]!["webhook"]!["secret"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Reader.DeleteAsync("/v1/automations/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/v1/automations/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/v1/automations/roles")).StatusCode);

        var audit = await Admin.GetFromJsonAsync<JsonNode>("/v1/audit");
        var entries = audit!["entries"]!.AsArray().Select(e => (e!["method"]!.GetValue<string>(), e["path"]!.GetValue<string>(), e["status"]!.GetValue<int>())).ToList();
        Assert.Contains(("POST", "/v1/automations", 201), entries);
        Assert.Contains(("DELETE", "/v1/automations/roles", 204), entries);
    }

    private HttpClient Admin => _service.CreateClient(_service.AdminKey);

    private HttpClient Reader => _service.CreateClient(Analyst);

    private async Task PutSegmentAsync(string id) =>
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/v1/segments/{id}", new { name = id, rules = new { } })).StatusCode);

    /// <summary>Creates a rule and waits until this silo's aggregators forward users' events (set at once by the registry on this silo).</summary>
    private async Task CreateAsync(object rule)
    {
        var response = await Admin.PostAsJsonAsync("/v1/automations", rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(_service.Services.GetRequiredService<AutomationWatch>().Active), what: "the silo knowing a rule exists");
    }

    private async Task PostEventsAsync(params object[] events) =>
        Assert.Equal(HttpStatusCode.Accepted, (await Admin.PostAsJsonAsync("/v1/events/batch", new { events })).StatusCode);
}
