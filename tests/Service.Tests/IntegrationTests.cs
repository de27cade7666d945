using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdOrleans.Gateway.Integrations;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

/// <summary>Inbound integrations over HTTP: signed webhooks, CSV imports as jobs, GA4 Measurement Protocol.</summary>
public sealed class IntegrationTests : IAsyncLifetime
{
    private const string FormSecret = "form-secret-0123456789";
    private const string CrmSecret = "crm-secret-0123456789";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        Settings = new Dictionary<string, string>
        {
            ["Integrations:Sources:forms:Secret"] = FormSecret,
            ["Integrations:Sources:forms:Kind"] = "form",
            ["Integrations:Sources:forms:Channel"] = "email",
            ["Integrations:Sources:hubspot:Secret"] = CrmSecret,
            ["Integrations:Sources:hubspot:Kind"] = "crm",
            ["Integrations:Sources:hubspot:Channel"] = "search",
        },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_signed_form_submission_counts_as_one_conversion_even_when_redelivered()
    {
        var body = Json(new { formId = "newsletter", submissionId = "s-1", userId = "u-form", valueMicros = 3_000_000 });
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync("forms", body, FormSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync("forms", body, FormSecret)).StatusCode);
        var marker = Json(new { formId = "newsletter", submissionId = "s-2", userId = "u-form" });
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync("forms", marker, FormSecret)).StatusCode);

        var totals = await Eventually.GetAsync<Totals>(Admin, "/v1/events/totals/channel:email", t => t.Events >= 2);
        Assert.Equal((2, 3_000_000L), (totals.Events, totals.ValueMicros));
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_401_and_stores_nothing()
    {
        var forged = Json(new { formId = "f", submissionId = "s-forged", userId = "u-x", valueMicros = 9_000_000 });
        var response = await PostWebhookAsync("forms", forged, "not-the-secret-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);

        // Same log key, appended after: once it is counted, anything appended before it would be counted too.
        var genuine = Json(new { formId = "f", submissionId = "s-genuine", userId = "u-x", valueMicros = 1 });
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync("forms", genuine, FormSecret)).StatusCode);
        var totals = await Eventually.GetAsync<Totals>(Admin, "/v1/events/totals/channel:email", t => t.Events >= 1);
        Assert.Equal((1, 1L), (totals.Events, totals.ValueMicros));
    }

    [Fact]
    public async Task A_crm_delivery_updates_contacts_and_counts_a_won_deal_as_a_purchase()
    {
        var body = Json(new object[]
        {
            new { eventId = 1, subscriptionType = "contact.propertyChange", objectId = 7, propertyName = "lifecyclestage", propertyValue = "customer", occurredAt = 1_764_000_000_000, userId = "u-crm" },
            new { eventId = 2, subscriptionType = "deal.propertyChange", objectId = 99, propertyName = "dealstage", propertyValue = "closedwon", userId = "u-crm", amountMicros = 12_000_000 },
            new { eventId = 3, subscriptionType = "company.creation", objectId = 5 },
        });
        var response = await PostWebhookAsync("hubspot", body, CrmSecret);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new WebhookAccepted(1, 1, 1), await response.Content.ReadFromJsonAsync<WebhookAccepted>());

        var totals = await Eventually.GetAsync<Totals>(Admin, "/v1/events/totals/channel:search", t => t.Events == 1);
        Assert.Equal((1L, 12_000_000L), (totals.ByType["purchase"], totals.ValueMicros));
        var contact = await _service.Services.GetRequiredService<IGrainFactory>().GetGrain<IContactGrain>("u-crm").GetAsync();
        Assert.Equal("customer", contact!.Attributes["lifecyclestage"]);
    }

    [Fact]
    public async Task A_conversion_import_reports_bad_rows_per_row_and_a_second_import_counts_nothing_twice()
    {
        var now = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        var csv = $"userId,occurredAt,value,channel\nu-1,{now},2.5,video\n,{now},1,video\nu-3,yesterday-ish,1,video\n\"u-4\",{now},\"1,000\",video\n";
        var first = await ImportAsync("conversions", csv);
        Assert.Equal(("completed", 4, 2, 2), (first.State, first.RowsDone, first.Accepted, first.Rejected));
        Assert.Equal([(3, "userId"), (4, "occurredAt")], first.Errors.Select(e => (e.Row, e.Field)));

        await ImportAsync("conversions", csv);
        var marker = $"userId,occurredAt,valueMicros,channel,eventId\nu-5,{now},1,video,marker-row\n";
        await ImportAsync("conversions", marker);
        var totals = await Eventually.GetAsync<Totals>(Admin, "/v1/events/totals/channel:video", t => t.Events >= 3);
        Assert.Equal((3, 2_500_000L + 1_000_000_000L + 1), (totals.Events, totals.ValueMicros));
    }

    [Fact]
    public async Task An_import_without_its_required_columns_is_a_400_and_one_sent_as_json_a_415_each_naming_the_problem()
    {
        var missing = await Admin.PostAsync("/v1/imports/contacts", new StringContent("email,name\na@b.c,A\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("header", (await missing.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        var json = await Admin.PostAsJsonAsync("/v1/imports/contacts", new { userId = "u" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("contentType", (await json.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task A_contacts_import_sets_each_users_attributes()
    {
        var job = await ImportAsync("contacts", "userId,plan,country\nu-c1,pro,DE\nu-c2,free,FR\n");
        Assert.Equal(("completed", 2), (job.State, job.Accepted));
        var contact = await _service.Services.GetRequiredService<IGrainFactory>().GetGrain<IContactGrain>("u-c2").GetAsync();
        Assert.Equal(("free", "FR"), (contact!.Attributes["plan"], contact.Attributes["country"]));
    }

    [Fact]
    public async Task A_ga4_measurement_protocol_body_is_counted_with_the_client_key_as_api_secret()
    {
        var client = _service.CreateClient();
        var body = new
        {
            client_id = "123.456", user_id = "u-ga", timestamp_micros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000,
            events = new object[]
            {
                new { name = "page_view", @params = new { page_location = "https://shop.example/" } },
                new { name = "purchase", @params = new { transaction_id = "T-1", value = 19.99, currency = "USD" } },
                new { name = "scroll", @params = new { } },
            },
        };
        var response = await client.PostAsJsonAsync($"/mp/collect?measurement_id=G-TEST&api_secret={_service.ClientKey}", body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/mp/collect?api_secret=wrong", body)).StatusCode);

        var totals = await Eventually.GetAsync<Totals>(Admin, "/v1/events/totals/channel:web", t => t.Events == 2);
        Assert.Equal((1L, 1L, 19_990_000L), (totals.ByType["pageview"], totals.ByType["purchase"], totals.ValueMicros));
    }

    private HttpClient Admin => _service.CreateClient(_service.AdminKey);

    private async Task<HttpResponseMessage> PostWebhookAsync(string source, byte[] body, string secret)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/integrations/webhooks/{source}") { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, secret));
        return await _service.CreateClient().SendAsync(request);
    }

    private async Task<ImportJob> ImportAsync(string kind, string csv)
    {
        var response = await Admin.PostAsync($"/v1/imports/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<ImportJob>())!;
        return await Eventually.GetAsync<ImportJob>(Admin, $"/v1/imports/{started.JobId}", j => j.State != ImportStates.Running);
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private sealed record Totals(long Events, long ValueMicros, Dictionary<string, long> ByType);
}
