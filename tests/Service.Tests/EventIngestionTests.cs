using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.Service.Tests;

public sealed class EventIngestionTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AcceptedEventsAreAnsweredWithTheirCountAsJsonWithItsLength()
    {
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);

        var single = await client.PostAsJsonAsync("/v1/events", Sample.Event("w-1", "c-written"));
        var batch = await client.PostAsJsonAsync("/v1/events/batch", new { events = new[] { Sample.Event("w-2", "c-written"), Sample.Event("w-3", "c-written") } });

        foreach (var (response, body) in new[] { (single, "{\"accepted\":1}"), (batch, "{\"accepted\":2}") })
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal(body, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AnAcceptedEventIsCountedByItsGrainOnce()
    {
        // A purchase that names a campaign without a click's token needs a key that vouches for it: admin.
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
        var response = await client.PostAsJsonAsync("/v1/events/batch", new
        {
            events = new[] { Sample.Event("e-1", "c-count", valueMicros: 5), Sample.Event("e-2", "c-count", "purchase", 7) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var totals = await Eventually.GetAsync<Totals>(_service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey), "/v1/events/totals/c-count", t => t.Events == 2);
        Assert.Equal(12, totals.ValueMicros);
        Assert.Equal(1, totals.ByType["purchase"]);
    }

    [Fact]
    public async Task AnInvalidEventIsRejectedWithEveryFieldError()
    {
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        var response = await client.PostAsJsonAsync("/v1/events", new { type = "teleport", channel = "tv", valueMicros = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["channel", "eventId", "type", "valueMicros"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MalformedJsonIsA400ProblemNotA500()
    {
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        var response = await client.PostAsync("/v1/events", new StringContent("{\"eventId\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnOversizeBatchIsRejectedWith413()
    {
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        var huge = new string('x', 3 * 1024 * 1024);
        var response = await client.PostAsync("/v1/events/batch", new StringContent($"{{\"events\":[{{\"eventId\":\"{huge}\"}}]}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task EventsNeedAnApiKey()
    {
        var response = await _service.CreateClient().PostAsJsonAsync("/v1/events", Sample.Event("e-x", "c-x"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed record Totals(long Events, long ValueMicros, Dictionary<string, long> ByType);
}
