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

    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task Email_buyers_and_web_browsers_become_two_segments_of_their_size()
    {
        var admin = _service.CreateClient(_service.AdminKey);
        var run = await ClusterBuyersAndBrowsersAsync(admin);

        Assert.Equal(("completed", 2, 40), (run.State, run.K, run.Users));
        Assert.Equal([20, 20], run.Segments.Select(s => s.Size));
        var buyers = Assert.Single(run.Segments, s => s.Centroid["monetary"] == 50);
        Assert.Equal(1.0, buyers.Centroid["email"], precision: 6);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/segments/{buyers.SegmentId}")).StatusCode);
    }

    [Fact]
    public async Task Phone_and_desktop_users_of_the_same_channel_become_two_segments_named_by_device_with_their_geos()
    {
        var admin = _service.CreateClient(_service.AdminKey);
        var events = Enumerable.Range(0, 40).SelectMany(u => Enumerable.Range(0, 2).Select(i => new
        {
            eventId = $"d-{u}-{i}", type = "pageview", channel = "web", userId = $"device-user-{u}", occurredAt = At.AddMinutes(i),
            device = u % 2 == 0 ? "mobile" : "desktop", geo = u % 2 == 0 ? "de" : "US",
        })).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events/batch", new { events })).StatusCode);
        await Eventually.GetAsync<Totals>(admin, "/v1/events/totals/channel:web", t => t.Events == 80);

        var started = await admin.PostAsJsonAsync("/v1/segments/clusters", new { k = 2, seed = 3 });
        var runId = (await started.Content.ReadFromJsonAsync<RunStarted>())!.RunId;
        var run = await Eventually.GetAsync<ClusterRun>(admin, $"/v1/segments/clusters/{runId}", r => r.State != "running");

        var phones = Assert.Single(run.Segments, s => s.Centroid["mobile"] == 1);
        var desktops = Assert.Single(run.Segments, s => s.Centroid["desktop"] == 1);
        Assert.Equal((20, "DE", true), (phones.Size, Assert.Single(phones.TopGeos), phones.Label.EndsWith(" mobile", StringComparison.Ordinal)));
        Assert.Equal((20, "US", true), (desktops.Size, Assert.Single(desktops.TopGeos), desktops.Label.EndsWith(" desktop", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_browser_who_starts_buying_by_email_is_reassigned_to_the_buyers_segment_live()
    {
        var admin = _service.CreateClient(_service.AdminKey);
        var run = await ClusterBuyersAndBrowsersAsync(admin);
        var (buyers, browsers) = (run.Segments.Single(s => s.Centroid["monetary"] == 50).SegmentId, run.Segments.Single(s => s.Centroid["monetary"] == 0).SegmentId);
        var client = _service.CreateClient(_service.ClientKey);
        Assert.Equal([browsers], (await client.GetFromJsonAsync<UserSegments>("/v1/users/browser-0/segments"))!.Segments);

        // Before its last pageview, so that only what it did changes, not how recently.
        object[] buying =
        [
            new { eventId = "b0-1", type = "email_open", channel = "email", userId = "browser-0", occurredAt = At.AddMinutes(1) },
            new { eventId = "b0-2", type = "email_click", channel = "email", userId = "browser-0", occurredAt = At.AddMinutes(2) },
            new { eventId = "b0-3", type = "purchase", channel = "email", userId = "browser-0", valueMicros = 50_000_000, occurredAt = At.AddMinutes(2) },
        ];
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events/batch", new { events = buying })).StatusCode);

        var placed = await Eventually.GetAsync<UserSegments>(client, "/v1/users/browser-0/segments", s => s.Segments.Count == 1 && s.Segments[0] != browsers);
        Assert.Equal((run.RunId, buyers), (placed.RunId, placed.Segments[0]));
        var live = await admin.GetFromJsonAsync<ClusterRun>($"/v1/segments/clusters/{run.RunId}");
        Assert.Equal([(21, 20), (19, 20)], live!.Segments.OrderByDescending(s => s.Centroid["monetary"]).Select(s => (s.Size, s.SizeAtRun)));
        Assert.Equal(new UserSegments("nobody", run.RunId, []), await client.GetFromJsonAsync<UserSegments>("/v1/users/nobody/segments"));
    }

    private static async Task<ClusterRun> ClusterBuyersAndBrowsersAsync(HttpClient admin)
    {
        var at = At;
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
        return await Eventually.GetAsync<ClusterRun>(admin, $"/v1/segments/clusters/{runId}", r => r.State != "running");
    }

    [Fact]
    public async Task The_list_of_runs_names_every_run_started_newest_first_with_its_state()
    {
        var admin = _service.CreateClient(_service.AdminKey);
        var runIds = new List<string>();
        foreach (var seed in new[] { 1, 2 })
        {
            var started = await admin.PostAsJsonAsync("/v1/segments/clusters", new { k = 3, seed });
            runIds.Add((await started.Content.ReadFromJsonAsync<RunStarted>())!.RunId);
        }

        // Without journeys a run fails at once ("0 users have journeys"): the list shows that too.
        var list = await Eventually.GetAsync<RunList>(admin, "/v1/segments/clusters", l => l.Runs.Count == 2 && l.Runs.All(r => r.State != "running"));

        Assert.Equal([runIds[1], runIds[0]], list.Runs.Select(r => r.RunId));
        Assert.All(list.Runs, r => Assert.Equal(("failed", 3), (r.State, r.K)));
        Assert.True(list.Runs[0].StartedAt >= list.Runs[1].StartedAt);
    }

    [Fact]
    public async Task A_k_below_two_is_a_400_naming_k()
    {
        var response = await _service.CreateClient(_service.AdminKey).PostAsJsonAsync("/v1/segments/clusters", new { k = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("k", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    private sealed record RunStarted(string RunId);

    private sealed record UserSegments(string UserId, string? RunId, List<string> Segments)
    {
        public bool Equals(UserSegments? other) => other is not null && (UserId, RunId) == (other.UserId, other.RunId) && Segments.SequenceEqual(other.Segments);

        public override int GetHashCode() => HashCode.Combine(UserId, RunId);
    }

    private sealed record RunSummary(string RunId, DateTimeOffset StartedAt, string State, int? K, int Users);

    private sealed record RunList(List<RunSummary> Runs);

    private sealed record Totals(long Events);
}
