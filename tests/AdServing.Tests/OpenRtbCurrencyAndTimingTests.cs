using System.Net;

namespace AdOrleans.AdServing.Tests;

/// <summary>cur/bidfloorcur through AdServing:FxRates (1 USD = 0.9 EUR), at overriding the slot, tmax, and nurl/burl.</summary>
public sealed class OpenRtbCurrencyAndTimingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests",
        Settings = new Dictionary<string, string> { ["AdServing:FxRates:EUR"] = "0.9", ["AdServing:MinTmax"] = "00:00:00.020" },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string Request(string extra = "", string imp = "") => $$"""
        {"id":"cur-1","imp":[{"id":"1","banner":{"w":300,"h":250}{{imp}}}],"site":{"id":"s1"},"user":{"id":"u-cur"}{{extra}}}
        """;

    [Fact]
    public async Task AFloorInEurosIsConvertedAndThePriceAnsweredInEurosNeverBelowIt()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("eur", 3_000_000, "1"), "eur");

        var (response, bid) = await _service.OneBidAsync(Request(",\"cur\":[\"EUR\"]", ",\"bidfloor\":1.8,\"bidfloorcur\":\"EUR\""));

        // 1.80 EUR = 2.00 USD; second price alone: floor + 0.01 = 2.01 USD = 1.809 EUR.
        Assert.Equal("EUR", response.Text("cur"));
        Assert.Equal(1.809m, bid.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task TheServiceCurrencyIsPreferredWhenAllowedAndNoCurMeansUsd()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("usd", 3_000_000, "1"), "usd");

        Assert.Equal("USD", (await _service.OneBidAsync(Request(",\"cur\":[\"EUR\",\"USD\"]"))).Response.Text("cur"));
        var (response, bid) = await _service.OneBidAsync(Request());
        Assert.Equal("USD", response.Text("cur"));
        Assert.Equal(0.01m, bid.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task ACurrencyWithoutARateIsNeverAnsweredIn()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("jpy", 3_000_000, "1"), "jpy");

        Assert.Equal(HttpStatusCode.NoContent, (await _service.BidAsync(Request(",\"cur\":[\"JPY\"]"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _service.BidAsync(Request(imp: ",\"bidfloor\":1,\"bidfloorcur\":\"GBP\""))).StatusCode);
    }

    [Fact]
    public async Task AtOverridesTheSlotsAuctionType()
    {
        await _service.SlotAsync("1");
        await _service.SlotAsync("fp", auction: "first-price");
        await _service.CampaignAsync(OpenRtb.Campaign("at-high", 3_000_000, "1"), "at-high");
        await _service.CampaignAsync(OpenRtb.Campaign("at-low", 2_000_000, "1"), "at-low");
        await _service.CampaignAsync(OpenRtb.Campaign("fp-high", 3_000_000, "fp"), "fp-high");
        await _service.CampaignAsync(OpenRtb.Campaign("fp-low", 2_000_000, "fp"), "fp-low");

        Assert.Equal(2.01m, (await _service.OneBidAsync(Request())).Bid.GetProperty("price").GetDecimal());
        Assert.Equal(3.0m, (await _service.OneBidAsync(Request(",\"at\":1"))).Bid.GetProperty("price").GetDecimal());
        Assert.Equal(2.01m, (await _service.OneBidAsync(Request(",\"at\":2", ",\"tagid\":\"fp\""))).Bid.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task ATmaxBelowTheConfiguredMinimumGetsAnImmediate204AndAnAmpleOneABid()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("tmax", 3_000_000, "1"), "tmax");

        Assert.Equal(HttpStatusCode.NoContent, (await _service.BidAsync(Request(",\"tmax\":5"))).StatusCode);
        Assert.Equal("tmax-cr", (await _service.OneBidAsync(Request(",\"tmax\":500"))).Bid.Text("crid"));
    }

    [Fact]
    public async Task NurlAndBurlAreSignedImpressionBeaconsThatCountOnce()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("beacon", 3_000_000, "1"), "beacon");

        var (_, bid) = await _service.OneBidAsync(Request());
        Assert.Contains("/v1/t/imp?token=", bid.Text("nurl"));
        Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(bid.Text("nurl"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(bid.Text("burl"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _service.Ads().GetAsync(bid.Text("burl")!.Replace("token=", "token=x", StringComparison.Ordinal))).StatusCode);

        await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/beacon", c => c.Impressions == 1 && c.SpentMicros == 10);
    }
}
