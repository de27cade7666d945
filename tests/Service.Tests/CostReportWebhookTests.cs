using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdOrleans.Gateway.Integrations;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.Service.Tests;

/// <summary>Ad-platform cost reports through a signed webhook source: external spend in the KPIs, once, never from client keys.</summary>
public sealed class CostReportWebhookTests : IAsyncLifetime
{
    private const string Secret = "cost-secret-0123456789";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        Settings = new Dictionary<string, string>
        {
            ["Integrations:Sources:gads:Secret"] = Secret,
            ["Integrations:Sources:gads:Kind"] = "cost",
        },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_signed_cost_report_sent_twice_raises_the_channels_spend_impressions_and_clicks_once()
    {
        var report = Json(Report("r-1", "search", impressions: 1000, clicks: 50, spendMicros: 25_000_000));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(report, Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(report, Secret)).StatusCode);
        // Same log key, appended last: once it is counted, both deliveries before it have been applied.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Json(Report("r-marker", "search", impressions: 1, clicks: 0, spendMicros: 1)), Secret)).StatusCode);

        var search = await SearchTotalsAsync(t => t["impressions"]!.GetValue<long>() >= 1001);
        Assert.Equal((1001L, 50L, 25_000_001L), (search["impressions"]!.GetValue<long>(), search["clicks"]!.GetValue<long>(), search["spendMicros"]!.GetValue<long>()));
        Assert.Equal(500_000L, search["cpcMicros"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_cost_report_with_a_bad_signature_is_401_and_stores_nothing()
    {
        var forged = await PostAsync(Json(Report("r-forged", "search", impressions: 9000, clicks: 9, spendMicros: 9_000_000)), "not-the-secret-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Json(Report("r-genuine", "search", impressions: 3, clicks: 1, spendMicros: 7)), Secret)).StatusCode);
        var search = await SearchTotalsAsync(t => t["impressions"]!.GetValue<long>() >= 3);
        Assert.Equal((3L, 7L), (search["impressions"]!.GetValue<long>(), search["spendMicros"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_malformed_cost_report_is_400_naming_each_bad_field_and_a_client_key_cannot_post_a_cost_event()
    {
        var bad = await PostAsync(Json(new { platform = "google_ads", channel = "fax", date = "yesterday", impressions = 1, spendMicros = -5 }), Secret);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys;
        Assert.Equal(["channel", "date", "reportId", "spendMicros"], errors.Order());

        var notJson = await PostAsync("{\"reportId\": 12"u8.ToArray(), Secret);
        Assert.Contains("body", (await notJson.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        var asClient = await _service.CreateClient(_service.ClientKey).PostAsJsonAsync("/v1/events",
            new { eventId = "cost-by-client", type = "cost", channel = "search" });
        Assert.Equal(HttpStatusCode.BadRequest, asClient.StatusCode);
        Assert.Contains("type", (await asClient.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    private static object Report(string reportId, string channel, long impressions, long clicks, long spendMicros) => new
    {
        reportId, platform = "google_ads", channel, date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"), impressions, clicks, spendMicros,
    };

    private async Task<JsonNode> SearchTotalsAsync(Func<JsonNode, bool> condition)
    {
        var day = DateTimeOffset.UtcNow.Date;
        var path = $"/v1/kpi/channels?from={Iso(day.AddDays(-1))}&to={Iso(day.AddDays(1))}&granularity=day";
        var admin = _service.CreateClient(_service.AdminKey);
        JsonNode? search = null;
        await Eventually.TrueAsync(async () =>
        {
            var channels = JsonNode.Parse(await admin.GetStringAsync(path))!["channels"]!.AsArray();
            search = channels.FirstOrDefault(c => c!["dimension"]!["id"]!.GetValue<string>() == "search")?["totals"];
            return search is not null && condition(search);
        }, what: "the search channel's KPI totals");
        return search!;
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string secret)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/integrations/webhooks/gads") { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, secret));
        return await _service.CreateClient().SendAsync(request);
    }

    private static string Iso(DateTime time) => Uri.EscapeDataString(time.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);
}
