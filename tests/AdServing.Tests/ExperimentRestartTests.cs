using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Grains;

namespace AdOrleans.AdServing.Tests;

public sealed class ExperimentRestartTests
{
    private static EmbeddedServiceFactory Start(string? directory = null) =>
        new(new EmbeddedServiceOptions { TempFolder = "adorleans-ads-tests", DataDirectory = directory, DeleteOnDispose = directory is not null });

    private static async Task<AuctionDto> WinAsync(EmbeddedServiceFactory service, string user)
    {
        AuctionDto? won = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "exp-r", userId = user });
            won = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AuctionDto>() : null;
            return won is not null;
        });
        return won!;
    }

    /// <summary>Users of each variant, by the assignment the gateways use.</summary>
    private static string UserOf(string variantCreative) => Enumerable.Range(0, 1000).Select(u => $"r-user-{u}")
        .First(u => (ExperimentAssignment.Bucket(ExperimentAssignment.Seed("x-r"), u) < 50 ? "r-a" : "r-b") == variantCreative);

    [Fact]
    public async Task TheExperimentItsDecisionAndEveryUsersVariantSurviveARestart()
    {
        string directory;
        JsonObject decided;
        await using (var first = Start())
        {
            directory = first.DataDirectory;
            await first.SlotAsync("exp-r");
            await first.CampaignAsync(new
            {
                id = "restart-ab", name = "Restart", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 1_000_000,
                totalBudgetMicros = 1_000_000_000, pacing = "asap", targeting = new { slots = new[] { "exp-r" } },
                creatives = new[] { "r-a", "r-b" }.Select(c => new { id = c, url = $"https://cdn.example/{c}.png", width = 300, height = 250 }).ToArray(),
            }, "restart-ab");
            Assert.Equal(HttpStatusCode.Created, (await first.Admin().PostAsJsonAsync("/v1/experiments", new
            {
                id = "x-r", campaignId = "restart-ab", metric = "ctr", minSamplePerVariant = 1,
                variants = new[] { new { id = "a", creativeId = "r-a", weight = 50 }, new { id = "b", creativeId = "r-b", weight = 50 } },
            })).StatusCode);
            await Eventually.TrueAsync(async () => (await WinAsync(first, UserOf("r-b"))).CreativeId == "r-b");

            // One impression per variant and a click on b: 0/1 against 1/1, χ² = 2, p = 0.157: decided, no winner.
            var a = await WinAsync(first, UserOf("r-a"));
            var b = await WinAsync(first, UserOf("r-b"));
            var click = System.Web.HttpUtility.ParseQueryString(new Uri(b.ClickUrl).Query)["token"];
            var events = new object[]
            {
                new { eventId = "ra", type = "impression", token = a.Token, channel = "display" },
                new { eventId = "rb", type = "impression", token = b.Token, channel = "display" },
                new { eventId = "rc", type = "click", token = click, channel = "display" },
            };
            Assert.Equal(HttpStatusCode.Accepted, (await first.Ads().PostAsJsonAsync("/v1/events/batch", new { events })).StatusCode);
            decided = await Eventually.GetAsync<JsonObject>(first.Admin(), "/v1/experiments/x-r", r => (string)r["status"]! == "decided");
            Assert.Null(decided["winner"]);
            Assert.Equal(0.157299, (double)decided["pValue"]!, 5);
        }

        await using var second = Start(directory);
        var after = await Eventually.GetAsync<JsonObject>(second.Admin(), "/v1/experiments/x-r", r => r["variants"]!.AsArray().Sum(v => (long)v!["impressions"]!) == 2);
        Assert.Equal("decided", (string)after["status"]!);
        Assert.Equal((string)decided["decision"]!["decidedAt"]!, (string)after["decision"]!["decidedAt"]!);
        Assert.Equal("r-a", (await WinAsync(second, UserOf("r-a"))).CreativeId);
        Assert.Equal("r-b", (await WinAsync(second, UserOf("r-b"))).CreativeId);
    }
}
