using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.AdServing.Tests;

public sealed class TargetingAndCapTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<HttpStatusCode> AuctionAsync(object request) =>
        (await _service.Ads().PostAsJsonAsync("/v1/auction", request)).StatusCode;

    [Fact]
    public async Task OnlyRequestsMatchingGeoDeviceAndSegmentWin()
    {
        await _service.SlotAsync("t");
        await _service.CampaignAsync(Campaigns.Cpm("targeted", 2_000_000, targeting: new
        {
            slots = new[] { "t" }, geos = new[] { "US" }, devices = new[] { "mobile" }, segments = new[] { "sports" },
        }), "targeted");

        Assert.Equal(HttpStatusCode.OK, await AuctionAsync(new { slotId = "t", geo = "US", device = "mobile", segments = new[] { "sports" } }));
        Assert.Equal(HttpStatusCode.NoContent, await AuctionAsync(new { slotId = "t", geo = "FR", device = "mobile", segments = new[] { "sports" } }));
        Assert.Equal(HttpStatusCode.NoContent, await AuctionAsync(new { slotId = "t", geo = "US", device = "desktop", segments = new[] { "sports" } }));
        Assert.Equal(HttpStatusCode.NoContent, await AuctionAsync(new { slotId = "t", geo = "US", device = "mobile" }));
    }

    [Fact]
    public async Task ASegmentRuleAdmitsUsersTheRequestDoesNotName()
    {
        await _service.SlotAsync("rule");
        var put = await _service.Admin().PutAsJsonAsync("/v1/segments/germans", new { name = "Germans", rules = new { geos = new[] { "DE" } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await _service.CampaignAsync(Campaigns.Cpm("for-germans", 2_000_000, targeting: new { slots = new[] { "rule" }, segments = new[] { "germans" } }), "for-germans");

        await Eventually.TrueAsync(async () => await AuctionAsync(new { slotId = "rule", geo = "DE" }) == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, await AuctionAsync(new { slotId = "rule", geo = "AT" }));
    }

    [Fact]
    public async Task TheFrequencyCapStopsWinsForThatUserOnly()
    {
        await _service.SlotAsync("cap");
        await _service.CampaignAsync(Campaigns.Cpm("capped", 2_000_000, "cap", frequencyCap: new { max = 2, perSeconds = 3600 }), "capped");

        Assert.Equal(HttpStatusCode.OK, await AuctionAsync(new { slotId = "cap", userId = "u-1" }));
        Assert.Equal(HttpStatusCode.OK, await AuctionAsync(new { slotId = "cap", userId = "u-1" }));
        Assert.Equal(HttpStatusCode.NoContent, await AuctionAsync(new { slotId = "cap", userId = "u-1" }));
        Assert.Equal(HttpStatusCode.OK, await AuctionAsync(new { slotId = "cap", userId = "u-2" }));
    }

    [Fact]
    public async Task PausedAndStoppedCampaignsDoNotBidAndStoppedIsFinal()
    {
        await _service.SlotAsync("ps");
        await _service.CampaignAsync(Campaigns.Cpm("pausable", 2_000_000, "ps"), "pausable");
        var admin = _service.Admin();

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/v1/campaigns/pausable/pause", null)).StatusCode);
        await Eventually.TrueAsync(async () => await AuctionAsync(new { slotId = "ps" }) == HttpStatusCode.NoContent);
        Assert.Equal("paused", (await admin.GetFromJsonAsync<CampaignDto>("/v1/campaigns/pausable"))!.Status);

        await admin.PostAsync("/v1/campaigns/pausable/resume", null);
        await Eventually.TrueAsync(async () => await AuctionAsync(new { slotId = "ps" }) == HttpStatusCode.OK);

        await admin.PostAsync("/v1/campaigns/pausable/stop", null);
        await Eventually.GetAsync<CampaignDto>(admin, "/v1/campaigns/pausable", c => c.Status == "stopped");
        await Eventually.TrueAsync(async () => await AuctionAsync(new { slotId = "ps" }) == HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/v1/campaigns/pausable/resume", null)).StatusCode);
    }

    [Fact]
    public async Task CreatingAnExistingCampaignIdIsAConflict()
    {
        await _service.CampaignAsync(Campaigns.Cpm("dup", 1_000_000), "dup");

        var again = await _service.Admin().PostAsJsonAsync("/v1/campaigns", Campaigns.Cpm("dup", 9_000_000));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stored = await _service.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/campaigns/dup");
        Assert.Equal(1_000_000, stored.GetProperty("bidMicros").GetInt64());
    }

    [Fact]
    public async Task PausingAnUnknownCampaignIsA404()
    {
        var response = await _service.Admin().PostAsync("/v1/campaigns/ghost/pause", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
