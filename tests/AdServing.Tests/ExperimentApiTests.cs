using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Grains;

namespace AdOrleans.AdServing.Tests;

/// <summary>Experiments over HTTP: users assigned in the auction, results from the tracked events, field errors and key scopes.</summary>
public sealed class ExperimentApiTests : IAsyncLifetime
{
    private const string AnalystKey = "experiment-analyst";
    private const string AcmeKey = "experiment-acme";
    private const string OtherKey = "experiment-other";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests",
        Settings = new Dictionary<string, string>
        {
            ["Auth:AnalystKeys"] = AnalystKey,
            ["Auth:Advertisers:acme:Keys"] = AcmeKey,
            ["Auth:Advertisers:other:Keys"] = OtherKey,
        },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static object Campaign(string id, params string[] creatives) => new
    {
        id,
        name = "Campaign " + id,
        advertiser = "acme",
        channel = "display",
        bidType = "cpm",
        bidMicros = 1_000_000,
        totalBudgetMicros = 1_000_000_000,
        pacing = "asap",
        targeting = new { slots = new[] { "exp" } },
        creatives = creatives.Select(c => new { id = c, url = $"https://cdn.example/{c}.png", width = 300, height = 250 }).ToArray(),
    };

    private static object Experiment(string id, string campaignId, int weightA = 50, int weightB = 50, string creativeB = "cr-b") => new
    {
        id,
        campaignId,
        metric = "ctr",
        minSamplePerVariant = 100,
        variants = new[] { new { id = "a", creativeId = "cr-a", weight = weightA }, new { id = "b", creativeId = creativeB, weight = weightB } },
    };

    private async Task<AuctionDto> AuctionAsync(string user)
    {
        // A burst can outrun this gateway's budget lease for a moment (204): the next auction after the renewal wins.
        AuctionDto? won = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "exp", userId = user });
            won = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AuctionDto>() : null;
            return won is not null;
        });
        return won!;
    }

    private static string ClickToken(AuctionDto won) => System.Web.HttpUtility.ParseQueryString(new Uri(won.ClickUrl).Query)["token"]!;

    [Fact]
    public async Task EachUserAlwaysSeesTheVariantItsHashPicksTheSplitFollowsTheWeightsAndTheBetterCreativeWins()
    {
        await _service.SlotAsync("exp");
        await _service.CampaignAsync(Campaign("ab", "cr-a", "cr-b"), "ab");
        Assert.Equal(HttpStatusCode.Created, (await _service.Admin().PostAsJsonAsync("/v1/experiments", Experiment("x-1", "ab"))).StatusCode);
        await Eventually.TrueAsync(async () => (await _service.Admin().GetFromJsonAsync<JsonArray>("/v1/experiments"))!.Count == 1);

        var seed = ExperimentAssignment.Seed("x-1");
        var events = new List<object>();
        var shown = new Dictionary<string, int> { ["cr-a"] = 0, ["cr-b"] = 0 };
        for (var u = 0; u < 400; u++)
        {
            var user = $"user-{u}";
            var first = await AuctionAsync(user);
            var second = await AuctionAsync(user);
            Assert.Equal(first.CreativeId, second.CreativeId);
            Assert.Equal(ExperimentAssignment.Bucket(seed, user) < 50 ? "cr-a" : "cr-b", first.CreativeId);
            shown[first.CreativeId]++;
            events.Add(new { eventId = $"i-{u}", type = "impression", token = first.Token, channel = "display", userId = user });
            // cr-a users click 1 in 10, cr-b users 1 in 2.
            if (u % (first.CreativeId == "cr-a" ? 10 : 2) == 0)
            {
                events.Add(new { eventId = $"c-{u}", type = "click", token = ClickToken(first), channel = "display", userId = user });
            }
        }

        // 400 users at 50/50: 200 ± 30 (3σ) each.
        Assert.InRange(shown["cr-a"], 170, 230);
        foreach (var chunk in events.Chunk(200))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _service.Ads().PostAsJsonAsync("/v1/events/batch", new { events = chunk })).StatusCode);
        }

        var result = await Eventually.GetAsync<JsonObject>(_service.CreateClient(AnalystKey), "/v1/experiments/x-1",
            r => r["variants"]!.AsArray().Sum(v => (long)v!["impressions"]!) == 400 && r["variants"]!.AsArray().Sum(v => (long)v!["clicks"]!) == events.Count - 400);
        var variants = result["variants"]!.AsArray();
        Assert.Equal(shown["cr-a"], (long)variants[0]!["impressions"]!);
        Assert.All(variants, v => Assert.InRange((double)v!["rate"]!, (double)v["ciLow"]!, (double)v["ciHigh"]!));
        Assert.True((double)result["pValue"]! < 1e-6, $"pValue {result["pValue"]}");
        Assert.True((double)variants[1]!["probabilityToBeBest"]! > 0.99);
        Assert.True((double)result["srmPValue"]! > 0.001);
        Assert.False((bool)result["sampleRatioMismatch"]!);
        Assert.Equal("b", (string)result["winner"]!);
        Assert.Equal("decided", (string)result["status"]!);
    }

    [Fact]
    public async Task BadWeightsAMissingCreativeAndAnUnknownCampaignAreBadRequestsNamingTheField()
    {
        await _service.SlotAsync("exp");
        await _service.CampaignAsync(Campaign("bad", "cr-a", "cr-b"), "bad");
        var admin = _service.Admin();

        async Task<JsonObject> ErrorsAsync(object request)
        {
            var response = await admin.PostAsJsonAsync("/v1/experiments", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }

        Assert.Contains("sum to 90", (string)(await ErrorsAsync(Experiment("x-w", "bad", 50, 40)))["variants[].weight"]![0]!);
        Assert.Contains("no creative 'cr-z'", (string)(await ErrorsAsync(Experiment("x-c", "bad", creativeB: "cr-z")))["variants[1].creativeId"]![0]!);
        Assert.NotNull((await ErrorsAsync(Experiment("x-n", "nowhere")))["campaignId"]);
        var empty = await ErrorsAsync(new { id = "x-e", campaignId = "bad", metric = "roas", variants = Array.Empty<object>() });
        Assert.NotNull(empty["metric"]);
        Assert.NotNull(empty["variants"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/experiments/x-w")).StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsCreateAndAdvertisersReadOnlyTheirOwnCampaignsExperiments()
    {
        await _service.SlotAsync("exp");
        await _service.CampaignAsync(Campaign("own", "cr-a", "cr-b"), "own");

        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(AcmeKey).PostAsJsonAsync("/v1/experiments", Experiment("x-o", "own"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(AnalystKey).PostAsJsonAsync("/v1/experiments", Experiment("x-o", "own"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _service.Admin().PostAsJsonAsync("/v1/experiments", Experiment("x-o", "own"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _service.Admin().PostAsJsonAsync("/v1/experiments", Experiment("x-o", "own"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _service.CreateClient(AcmeKey).GetAsync("/v1/experiments/x-o")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(OtherKey).GetAsync("/v1/experiments/x-o")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.Ads().GetAsync("/v1/experiments/x-o")).StatusCode);
        var running = await _service.Admin().GetFromJsonAsync<JsonObject>("/v1/experiments/x-o");
        Assert.Equal("running", (string)running!["status"]!);
        Assert.Null(running["winner"]);
        var best = running["probabilityToBeBest"]!.AsObject();
        Assert.Equal(["a", "b"], best.Select(p => p.Key));
        Assert.Equal(1.0, best.Sum(p => (double)p.Value!), 3);
    }
}
