using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdOrleans.Gateway.Events;

namespace AdOrleans.Service.Tests;

/// <summary>The ingest 202 is written by hand (<see cref="EventsAcceptedResult"/>): its JSON must stay what the serializer wrote.</summary>
public sealed class EventsAcceptedWritingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void TheWrittenJsonIsTheSerializersWithTheWebDefaults(int accepted)
    {
        Span<byte> body = stackalloc byte[32];
        var length = EventsAcceptedResult.Write(body, accepted);

        Assert.Equal(JsonSerializer.Serialize(new EventsAccepted(accepted), JsonSerializerOptions.Web), Encoding.UTF8.GetString(body[..length]));
    }

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
}
