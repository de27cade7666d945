using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Service.Tests;

/// <summary>An impression reported again after a restart, under any eventId, is billed once (the durable receiver dedupe covers it).</summary>
public sealed class RefireAfterRestartTests
{
    private const string Campaign = "refire";

    [Fact]
    public async Task AnImpressionReFiredAfterARestartUnderANewEventIdIsBilledOnce()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Won first;
            long chargePerImpression;
            await using (var silo = await StartAsync(dataDirectory))
            {
                using var admin = silo.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
                Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/slots/s-refire", new { width = 300, height = 250 })).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/campaigns", CampaignBody())).StatusCode);
                first = await WinAsync(silo);
                Assert.Equal(HttpStatusCode.Accepted, (await PostImpressionAsync(silo, "client-e-1", first.Token)).StatusCode);
                chargePerImpression = (await Eventually.GetAsync<CampaignRow>(admin, $"/v1/campaigns/{Campaign}", c => c.Impressions == 1)).SpentMicros;
                await silo.TerminateAsync(TimeSpan.FromSeconds(30));
            }

            await using var restarted = await StartAsync(dataDirectory);
            using var client = restarted.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
            Assert.Equal(HttpStatusCode.Accepted, (await PostImpressionAsync(restarted, "client-e-2", first.Token)).StatusCode);
            // The beacon URL names the first process's port; the restarted one listens elsewhere.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(first.ImpressionUrl).PathAndQuery)).StatusCode);
            var second = await WinAsync(restarted);
            Assert.Equal(HttpStatusCode.Accepted, (await PostImpressionAsync(restarted, "client-e-3", second.Token)).StatusCode);

            // Once no partition lags, everything appended (the re-fires and the second impression) reached the grain.
            using var restartedAdmin = restarted.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
            await Eventually.GetAsync<Cluster>(restartedAdmin, "/v1/cluster", c => c.Partitions.All(p => p.Lag == 0));
            var campaign = await Eventually.GetAsync<CampaignRow>(restartedAdmin, $"/v1/campaigns/{Campaign}", c => c.Impressions >= 2);
            Assert.Equal((2L, 2 * chargePerImpression), (campaign.Impressions, campaign.SpentMicros));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Task<ServiceProcess> StartAsync(string dataDirectory) =>
        ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            DataDirectory = dataDirectory,
            Environment = new Dictionary<string, string> { ["Log__Partitions"] = "2" },
        });

    private static object CampaignBody() => new
    {
        id = Campaign,
        name = "Re-fired",
        advertiser = "acme",
        channel = "display",
        bidType = "cpm",
        bidMicros = 3_000_000,
        totalBudgetMicros = 50_000_000,
        pacing = "asap",
        targeting = new { slots = new[] { "s-refire" } },
        creatives = new[] { new { id = "refire-cr", url = "https://cdn.example/refire.png", width = 300, height = 250 } },
    };

    /// <summary>An auction the campaign wins, once this process's auction index has the slot and the campaign.</summary>
    private static async Task<Won> WinAsync(ServiceProcess silo)
    {
        using var client = silo.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        Won? won = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/v1/auction", new { slotId = "s-refire", userId = "u-1" });
            won = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<Won>() : null;
            return won is not null;
        }, what: "an auction won by the campaign");
        return won!;
    }

    private static async Task<HttpResponseMessage> PostImpressionAsync(ServiceProcess silo, string eventId, string token)
    {
        using var client = silo.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        return await client.PostAsJsonAsync("/v1/events", new { eventId, type = "impression", token, channel = "display" });
    }

    private sealed record Won(string ImpressionUrl)
    {
        public string Token => System.Web.HttpUtility.ParseQueryString(new Uri(ImpressionUrl).Query)["token"]!;
    }

    private sealed record CampaignRow(long Impressions, long SpentMicros);

    private sealed record Cluster(List<PartitionRow> Partitions);

    private sealed record PartitionRow(long Lag);
}
