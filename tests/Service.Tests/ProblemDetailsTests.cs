using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AdOrleans.Service.Tests;

/// <summary>Every rejection that reaches the pipeline is ProblemDetails; Kestrel's own (request line, bad target) cannot be.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string AnalystKey = "problems-analyst-key";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions { Settings = new Dictionary<string, string> { ["Auth:AnalystKeys"] = AnalystKey } });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{(int)status}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RoutingAuthAndBodyRejectionsAnswerProblemDetails()
    {
        var admin = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        var json = (string body) => new StringContent(body, Encoding.UTF8, "application/json");

        await AssertProblemAsync(await admin.GetAsync("/v1/no-such-thing"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.DeleteAsync("/v1/events"), HttpStatusCode.MethodNotAllowed);
        await AssertProblemAsync(await _service.CreateClient().GetAsync("/v1/kpi/summary"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await client.GetAsync("/v1/kpi/summary"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await _service.CreateClient().PostAsync("/v1/events", json("{}")), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await _service.CreateClient(AnalystKey).PostAsync("/v1/events", json("{}")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await _service.CreateClient(AnalystKey).PostAsync("/v1/events/batch", json("{}")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.PostAsync("/v1/events", json("{\"eventId\": ")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsync("/v1/events", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await client.PostAsync("/v1/events", json($"{{\"eventId\":\"{new string('x', 20_000)}\"}}")), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABodyOrQueryValueThatCannotBeBoundIsA400ProblemNamingTheField()
    {
        var admin = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
        var json = (string body) => new StringContent(body, Encoding.UTF8, "application/json");

        await AssertFieldAsync(await admin.PostAsync("/v1/campaigns", json("""{"id":"c-1","bidMicros":"lots"}""")), "bidMicros");
        await AssertFieldAsync(await admin.PostAsync("/v1/events/batch", json("""{"events":[{"eventId":"e-1","valueMicros":1.5}]}""")), "events[0].valueMicros");
        await AssertFieldAsync(await admin.PostAsync("/v1/campaigns", json("")), "body");
        await AssertFieldAsync(await admin.GetAsync("/v1/reports/billing?from=yesterday"), "from");
        await AssertFieldAsync(await admin.GetAsync("/v1/audit?to=nobody"), "to");
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
    }

    /// <summary>
    /// Kestrel answers a request line over its limit (8 KiB) with 414, and a NUL in the path with 400, before any
    /// middleware runs, and writes that answer itself with an empty body: this category of errors is not customisable
    /// (docs/ad-serving.md, "Ids and errors").
    /// </summary>
    [Fact]
    public async Task KestrelRefusesAnOverlongRequestLineOrANulInThePathBeforeThePipelineWithAnEmptyBody()
    {
        await using var silo = await ServiceProcess.StartAsync(new ServiceProcessOptions());
        using var client = silo.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);

        var overlong = await client.GetAsync("/v1/campaigns/" + new string('c', 10_000));
        var nul = await client.GetAsync("/v1/campaigns/a%00b");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, overlong.StatusCode);
        Assert.Equal(0, overlong.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(0, nul.Content.Headers.ContentLength);
    }
}
