using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

public sealed class OpenRtbTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ABidRequestRoundTripsToABidResponseWithTrackingUrls()
    {
        await _service.SlotAsync("rtb");
        await _service.CampaignAsync(Campaigns.Cpm("rtb-a", 3_000_000, "rtb"), "rtb-a");
        var request = new
        {
            id = "req-1",
            imp = new[] { new { id = "1", tagid = "rtb", banner = new { format = new[] { new { w = 300, h = 250 } } }, bidfloor = 0.5 } },
            site = new { id = "site-1", domain = "news.example" },
            device = new { geo = new { country = "US" }, devicetype = 4 },
            user = new { id = "u-rtb" },
            tmax = 100,
        };

        var response = await _service.Ads().PostAsJsonAsync("/openrtb2/auction", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("req-1", body.GetProperty("id").GetString());
        var bid = body.GetProperty("seatbid")[0].GetProperty("bid")[0];
        Assert.Equal("1", bid.GetProperty("impid").GetString());
        Assert.Equal(0.51m, bid.GetProperty("price").GetDecimal());
        Assert.Equal("rtb-a-cr", bid.GetProperty("crid").GetString());
        Assert.Equal((300, 250), (bid.GetProperty("w").GetInt32(), bid.GetProperty("h").GetInt32()));
        Assert.Contains("/v1/t/click?token=", bid.GetProperty("adm").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(bid.GetProperty("burl").GetString())).StatusCode);
        await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/rtb-a", c => c.Impressions == 1 && c.SpentMicros == 510);
    }

    [Fact]
    public async Task NoFittingBidIsA204()
    {
        await _service.SlotAsync("rtb-empty");
        await _service.CampaignAsync(Campaigns.Cpm("rtb-b", 3_000_000, "rtb-empty"), "rtb-b");

        var response = await _service.Ads().PostAsJsonAsync("/openrtb2/auction", new
        {
            id = "req-2",
            imp = new[] { new { id = "1", tagid = "rtb-empty", banner = new { format = new[] { new { w = 728, h = 90 } } } } },
        });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
