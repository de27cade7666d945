using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using static AdOrleans.Service.Tests.PrivacyService;

namespace AdOrleans.Service.Tests;

/// <summary>DELETE /v1/users/{userId} on the embedded service with a real data directory: nothing of the user is left on disk, aggregates stay.</summary>
public sealed class PrivacyErasureTests : IAsyncLifetime
{
    private const string Erased = "erase-me-7f3a9c";

    private readonly EmbeddedServiceFactory _service = Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task After_an_erasure_no_byte_of_the_user_id_is_left_in_the_data_directory_and_kpi_totals_are_unchanged()
    {
        var kept = SameShard(Erased, "keep-me");
        var around = DateTimeOffset.UtcNow;
        using var admin = _service.CreateClient(_service.AdminKey);
        using var client = _service.CreateClient(_service.ClientKey, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SetUpCampaignAsync(admin);
        await TrafficAsync(admin, client, Erased);
        var shown = await TrafficAsync(admin, client, kept);
        var posted = 10L;

        // Journeys reach SQLite with a snapshot (every second here, on the shard's next write): nudge with events of the
        // other user until the erased user's journey row is stored, so the erasure has to delete it.
        await Eventually.TrueAsync(async () =>
        {
            var nudge = new { eventId = $"nudge-{posted++}", type = "pageview", channel = "web", userId = kept };
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events", nudge)).StatusCode);
            return await JourneyRowStoredAsync(_service, Erased);
        }, what: "the erased user's journey row stored");
        await CommittedAsync(admin, posted);
        await Eventually.GetAsync<JsonNode>(admin, $"/v1/users/{Erased}/export", e => e["contact"] is not null && e["events"]!.AsArray().Count == 5);
        Assert.Contains("state.db", FilesContaining(_service.DataDirectory, Erased));
        var totals = await KpiTotalsAsync(admin, around);

        var response = await admin.DeleteAsync($"/v1/users/{Erased}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonNode>())!["jobId"]!.GetValue<string>();
        Assert.Equal($"/v1/users/erasures/{jobId}", response.Headers.Location!.OriginalString);
        var job = await Eventually.GetAsync<JsonNode>(admin, response.Headers.Location.OriginalString,
            j => j["state"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(60));
        Assert.True(job["state"]!.GetValue<string>() == "completed", job.ToJsonString());
        Assert.All(job["stores"]!.AsArray(), s => Assert.Equal("completed", s!["state"]!.GetValue<string>()));
        Assert.NotNull(job["startedAt"]);
        Assert.NotNull(job["completedAt"]);

        Assert.Empty(FilesContaining(_service.DataDirectory, Erased));
        Assert.NotEmpty(FilesContaining(_service.DataDirectory, kept));
        Assert.Equal(totals, await KpiTotalsAsync(admin, around));

        var erased = JsonNode.Parse(await admin.GetStringAsync($"/v1/users/{Erased}/export"))!;
        Assert.Null(erased["contact"]);
        Assert.Empty(erased["journey"]!.AsArray());
        Assert.Empty(erased["events"]!.AsArray());
        Assert.Empty(erased["kpiState"]!.AsArray());
        var other = JsonNode.Parse(await admin.GetStringAsync($"/v1/users/{kept}/export"))!;
        Assert.Equal($"{kept}@example.com", other["contact"]!["attributes"]!["email"]!.GetValue<string>());
        Assert.Equal(posted - 5, other["events"]!.AsArray().Count);
        Assert.NotEmpty(other["journey"]!.AsArray());
        Assert.NotEmpty(other["kpiState"]!.AsArray());
        Assert.Equal(1, other["frequency"]!["clickedChannels"]!.GetValue<int>());
        var assignment = Assert.Single(other["experiments"]!.AsArray())!;
        Assert.Equal((Experiment, shown), (assignment["experimentId"]!.GetValue<string>(), assignment["creativeId"]!.GetValue<string>()));
    }
}
