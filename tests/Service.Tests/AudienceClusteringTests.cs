using System.Net;
using System.Net.Http.Json;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.Service.Tests;

/// <summary>Audience clustering over HTTP: users with different journeys end in different, targetable segments.</summary>
public sealed class AudienceClusteringTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Email_buyers_and_web_browsers_become_two_segments_of_their_size()
    {
        var admin = _service.CreateClient(_service.AdminKey);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var events = Enumerable.Range(0, 20).SelectMany(u => new object[]
        {
            new { eventId = $"b-{u}-1", type = "email_open", channel = "email", userId = $"buyer-{u}", occurredAt = at },
            new { eventId = $"b-{u}-2", type = "email_click", channel = "email", userId = $"buyer-{u}", occurredAt = at.AddMinutes(1) },
            new { eventId = $"b-{u}-3", type = "purchase", channel = "email", userId = $"buyer-{u}", valueMicros = 50_000_000, occurredAt = at.AddMinutes(2) },
        }).Concat(Enumerable.Range(0, 20).SelectMany(u => new object[]
        {
            new { eventId = $"w-{u}-1", type = "pageview", channel = "web", userId = $"browser-{u}", occurredAt = at },
            new { eventId = $"w-{u}-2", type = "pageview", channel = "web", userId = $"browser-{u}", occurredAt = at.AddMinutes(3) },
        })).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events/batch", new { events })).StatusCode);
        await Eventually.GetAsync<Totals>(admin, "/v1/events/totals/channel:web", t => t.Events == 40);
        await Eventually.GetAsync<Totals>(admin, "/v1/events/totals/channel:email", t => t.Events == 60);

        var started = await admin.PostAsJsonAsync("/v1/segments/clusters", new { k = 2, seed = 7 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<RunStarted>())!.RunId;
        var run = await Eventually.GetAsync<ClusterRun>(admin, $"/v1/segments/clusters/{runId}", r => r.State != "running");

        Assert.Equal(("completed", 2, 40), (run.State, run.K, run.Users));
        Assert.Equal([20, 20], run.Segments.Select(s => s.Size));
        var buyers = Assert.Single(run.Segments, s => s.Centroid["monetary"] == 50);
        Assert.Equal(1.0, buyers.Centroid["email"], precision: 6);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/segments/{buyers.SegmentId}")).StatusCode);
    }

    [Fact]
    public async Task A_k_below_two_is_a_400_naming_k()
    {
        var response = await _service.CreateClient(_service.AdminKey).PostAsJsonAsync("/v1/segments/clusters", new { k = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("k", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    private sealed record RunStarted(string RunId);

    private sealed record Totals(long Events);
}
