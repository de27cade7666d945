using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using static AdOrleans.Service.Tests.PrivacyService;

namespace AdOrleans.Service.Tests;

/// <summary>An erasure with grain state in PostgreSQL: no table keeps the user id, nor does the data directory (log and lake).</summary>
public sealed class PrivacyPostgresTests
{
    private const string Erased = "erase-me-pg-51c0";

    [PostgresFact]
    public async Task After_an_erasure_on_postgresql_no_table_and_no_file_holds_the_user_id()
    {
        await using var database = await TestDatabase.CreateAsync("adorleans_privacy_test_");
        await using var service = Create(database.ConnectionString);
        var kept = SameShard(Erased, "keep-me-pg");
        var around = DateTimeOffset.UtcNow;
        using var admin = service.CreateClient(service.AdminKey);
        using var client = service.CreateClient(service.ClientKey, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SetUpCampaignAsync(admin);
        await TrafficAsync(admin, client, Erased);
        await TrafficAsync(admin, client, kept);
        var posted = 10L;
        await Eventually.TrueAsync(async () =>
        {
            var nudge = new { eventId = $"nudge-{posted++}", type = "pageview", channel = "web", userId = kept };
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events", nudge)).StatusCode);
            return await JourneyRowStoredAsync(service, Erased, database.ConnectionString);
        }, what: "the erased user's journey row stored");
        await CommittedAsync(admin, posted);
        await Eventually.GetAsync<JsonNode>(admin, $"/v1/users/{Erased}/export", e => e["contact"] is not null && e["events"]!.AsArray().Count == 5);
        Assert.NotEmpty(await TablesContaining(database.ConnectionString, Erased));
        var totals = await KpiTotalsAsync(admin, around);

        var response = await admin.DeleteAsync($"/v1/users/{Erased}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Eventually.GetAsync<JsonNode>(admin, response.Headers.Location!.OriginalString,
            j => j["state"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(60));
        Assert.True(job["state"]!.GetValue<string>() == "completed", job.ToJsonString());
        var stores = job["stores"]!.AsArray().ToDictionary(s => s!["store"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>());
        Assert.Equal(("completed", "skipped", "completed"), (stores["eventIds"], stores["storage"], stores["contacts"]));

        Assert.Empty(await TablesContaining(database.ConnectionString, Erased));
        Assert.Empty(FilesContaining(service.DataDirectory, Erased));
        Assert.NotEmpty(await TablesContaining(database.ConnectionString, kept));
        Assert.Equal(totals, await KpiTotalsAsync(admin, around));
        var erased = JsonNode.Parse(await admin.GetStringAsync($"/v1/users/{Erased}/export"))!;
        Assert.Null(erased["contact"]);
        Assert.Empty(erased["journey"]!.AsArray());
    }
}
