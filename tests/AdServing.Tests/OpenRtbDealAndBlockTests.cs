using System.Net;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

/// <summary>pmp deals and private auctions (the IAB pmp-direct-deal example), and bcat/badv/bapp blocking.</summary>
public sealed class OpenRtbDealAndBlockTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string DealRequest(int privateAuction) => $$$"""
        {"id":"80ce30c53c16e6ede735f123ef6e32361bfc7b22","at":1,"cur":["USD"],
         "imp":[{"id":"1","bidfloor":0.03,"banner":{"h":250,"w":300,"pos":0},
                 "pmp":{"private_auction":{{{privateAuction}}},"deals":[
                   {"id":"AB-Agency1-0001","at":1,"bidfloor":2.5,"wseat":["Agency1"]},
                   {"id":"XY-Agency2-0001","at":2,"bidfloor":2,"wseat":["Agency2"]}]}}],
         "site":{"id":"102855","domain":"www.foobar.com","cat":["IAB3-1"],"page":"http://www.foobar.com/1234.html",
                 "publisher":{"id":"8953","name":"foobar.com","cat":["IAB3-1"],"domain":"foobar.com"}},
         "device":{"ua":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_6_8) AppleWebKit/537.13 (KHTML, like Gecko) Version/5.1.7 Safari/534.57.2"},
         "user":{"id":"55816b39711f9b5acf3b90e313ed29e51665623f"}}
        """;

    private static string BlockedRequest(string blocks) => $$$"""
        {"id":"blocked-1","imp":[{"id":"1","banner":{"format":[{"w":300,"h":250}]}}],"site":{"id":"s1","domain":"news.example"},{{{blocks}}}}
        """;

    [Fact]
    public async Task APrivateAuctionTakesOnlyDealBidsAtTheDealFloorAndAuctionType()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("open-rich", 9_000_000, "1"), "open-rich");
        await _service.CampaignAsync(OpenRtb.Campaign("deal-a", 3_000_000, "1", dealIds: ["AB-Agency1-0001"]), "deal-a");

        var (_, bid) = await _service.OneBidAsync(DealRequest(privateAuction: 1));

        Assert.Equal("deal-a-cr", bid.Text("crid"));
        Assert.Equal("AB-Agency1-0001", bid.Text("dealid"));
        Assert.Equal(3.0m, bid.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task APrivateAuctionWithoutADealBidAtTheDealFloorGetsNoBid()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("open-only", 9_000_000, "1"), "open-only");
        await _service.CampaignAsync(OpenRtb.Campaign("deal-low", 2_200_000, "1", dealIds: ["AB-Agency1-0001", "other-deal"]), "deal-low");

        Assert.Equal(HttpStatusCode.NoContent, (await _service.BidAsync(DealRequest(privateAuction: 1))).StatusCode);
    }

    [Fact]
    public async Task AnOpenAuctionWithDealsLetsDealAndOpenBidsCompeteAndADealWinnerClearsAtItsDealFloor()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("open-low", 1_000_000, "1"), "open-low");
        await _service.CampaignAsync(OpenRtb.Campaign("deal-xy", 2_500_000, "1", dealIds: ["XY-Agency2-0001"]), "deal-xy");

        var (_, bid) = await _service.OneBidAsync(DealRequest(privateAuction: 0));

        // Deal XY is second price (its own at = 2 overrides the request's at = 1): max(runner-up 1.00, deal floor 2.00) + 0.01.
        Assert.Equal("deal-xy-cr", bid.Text("crid"));
        Assert.Equal("XY-Agency2-0001", bid.Text("dealid"));
        Assert.Equal(2.01m, bid.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task BcatBadvAndBappBlockCampaignsByCategoryParentDomainSubdomainAndAppBundle()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("by-cat", 5_000_000, "1", categories: ["IAB7-1"]), "by-cat");
        await _service.CampaignAsync(OpenRtb.Campaign("by-adv", 4_000_000, "1", adomain: ["shop.ford.example"]), "by-adv");
        await _service.CampaignAsync(OpenRtb.Campaign("by-app", 3_000_000, "1", appBundle: "com.rival.game"), "by-app");
        await _service.CampaignAsync(OpenRtb.Campaign("clean", 1_000_000, "1", adomain: ["acme.example"], categories: ["IAB2"]), "clean");

        Assert.Equal("by-cat-cr", (await _service.OneBidAsync(BlockedRequest("\"bcat\":[]"))).Bid.Text("crid"));
        Assert.Equal("by-adv-cr", (await _service.OneBidAsync(BlockedRequest("\"bcat\":[\"IAB7\"]"))).Bid.Text("crid"));
        Assert.Equal("by-app-cr", (await _service.OneBidAsync(BlockedRequest("\"bcat\":[\"IAB7\"],\"badv\":[\"ford.example\"]"))).Bid.Text("crid"));
        var (_, bid) = await _service.OneBidAsync(BlockedRequest("\"bcat\":[\"IAB7\"],\"badv\":[\"ford.example\"],\"bapp\":[\"com.rival.game\"]"));

        Assert.Equal("clean-cr", bid.Text("crid"));
        Assert.Equal(["acme.example"], bid.GetProperty("adomain").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["IAB2"], bid.GetProperty("cat").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task AnAppCampaignsBidNamesItsBundle()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("app", 1_000_000, "1", appBundle: "com.acme.game"), "app");

        var (_, bid) = await _service.OneBidAsync(BlockedRequest("\"bapp\":[\"com.other\"]"));

        Assert.Equal("com.acme.game", bid.Text("bundle"));
        Assert.Equal(JsonValueKind.Undefined, bid.TryGetProperty("adomain", out var adomain) ? adomain.ValueKind : JsonValueKind.Undefined);
    }
}
