using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.AdServing.Tests;

public sealed class AuctionPricingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<AuctionDto?> AuctionAsync(string slot, string? user = null)
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = slot, userId = user });
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<AuctionDto>();
    }

    [Fact]
    public async Task SecondPriceWinnerPaysRunnerUpPlusOneCent()
    {
        await _service.SlotAsync("sp");
        await _service.CampaignAsync(Campaigns.Cpm("sp-high", 3_000_000, "sp"), "sp-high");
        await _service.CampaignAsync(Campaigns.Cpm("sp-low", 2_000_000, "sp"), "sp-low");

        var won = await AuctionAsync("sp");

        Assert.Equal("sp-high", won!.CampaignId);
        Assert.Equal(2_010_000, won.PriceMicros);
        Assert.Equal("sp-high-cr", won.CreativeId);
    }

    [Fact]
    public async Task FirstPriceWinnerPaysItsOwnEcpm()
    {
        await _service.SlotAsync("fp", auction: "first-price");
        await _service.CampaignAsync(Campaigns.Cpm("fp-high", 3_000_000, "fp"), "fp-high");
        await _service.CampaignAsync(Campaigns.Cpm("fp-low", 2_000_000, "fp"), "fp-low");

        var won = await AuctionAsync("fp");

        Assert.Equal(("fp-high", 3_000_000L), (won!.CampaignId, won.PriceMicros));
    }

    [Fact]
    public async Task TiedBidsGoToTheSmallerCampaignIdAtTheTiedPrice()
    {
        await _service.SlotAsync("tie");
        await _service.CampaignAsync(Campaigns.Cpm("tie-b", 2_000_000, "tie"), "tie-b");
        await _service.CampaignAsync(Campaigns.Cpm("tie-a", 2_000_000, "tie"), "tie-a");

        var won = await AuctionAsync("tie");

        Assert.Equal(("tie-a", 2_000_000L), (won!.CampaignId, won.PriceMicros));
    }

    [Fact]
    public async Task ASingleBidderPaysTheFloorPlusOneCent()
    {
        await _service.SlotAsync("single", floorMicros: 1_000_000);
        await _service.CampaignAsync(Campaigns.Cpm("single-1", 3_000_000, "single"), "single-1");

        var won = await AuctionAsync("single");

        Assert.Equal(1_010_000, won!.PriceMicros);
    }

    [Fact]
    public async Task AFloorAboveEveryBidLeavesTheSlotUnfilled()
    {
        await _service.SlotAsync("high-floor", floorMicros: 5_000_000);
        await _service.CampaignAsync(Campaigns.Cpm("below-floor", 4_999_999, "high-floor"), "below-floor");

        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "high-floor" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownSlotIsA404Problem()
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "nowhere" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ACpcBidRanksByPredictedCtrAndItsClickNeverCostsMoreThanTheBid()
    {
        await _service.SlotAsync("cpc");
        // Prior CTR 1 %: a 0.25 CPC bid is worth 2.5 CPM, above the 2.0 CPM rival.
        await _service.CampaignAsync(Campaigns.Cpm("cpc-bidder", 250_000, "cpc", bidType: "cpc"), "cpc-bidder");
        await _service.CampaignAsync(Campaigns.Cpm("cpm-rival", 2_000_000, "cpc"), "cpm-rival");

        var won = await AuctionAsync("cpc");
        var click = await _service.Ads().GetAsync(won!.ClickUrl);

        Assert.Equal(("cpc-bidder", 2_010_000L), (won.CampaignId, won.PriceMicros));
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/cpc-bidder", c => c.Clicks == 1);
        Assert.Equal(250_000L * 2_010_000 / 2_500_000, campaign.SpentMicros);
    }
}
