using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Tests;

public sealed class AdFlowTests
{
    [Fact]
    public async Task AnEmptySystemGetsTheCatalogAndWonAuctionsAreTrackedAndChargedAtPriceOverAThousand()
    {
        var stub = new StubGateway();
        using var client = new ApiClient(stub, new Uri("http://gateway.test"), "a", "c", new RunStats());
        var options = EmbeddedService.ShortRun(seed: 11);
        options.AdShare = 0.5;

        var truth = await new SimulationRunner(options, client).RunAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var campaign = truth.Campaigns["sim-c-winter-sale"];
        Assert.Equal(6, stub.CampaignsCreated);
        // A 5-second run on a loaded machine: enough auctions to check the bookkeeping, whatever the rate.
        Assert.True(stub.Impressions > 20, $"{stub.Impressions} impressions");
        Assert.Equal(stub.Impressions, campaign.Impressions);
        Assert.Equal(stub.Clicks, campaign.Clicks);
        Assert.Equal(campaign.Impressions * (StubGateway.PriceMicros / 1000), campaign.SpendMicros);
        Assert.Equal("cpm", campaign.BidType);
        Assert.Equal(client.Stats.Auctions - client.Stats.NoBids, campaign.Impressions);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheAdvertisedDelayAndCounted()
    {
        var stub = new StubGateway(tooManyFirst: 3);
        using var client = new ApiClient(stub, new Uri("http://gateway.test"), "a", "c", new RunStats());
        var options = EmbeddedService.ShortRun(seed: 12);
        options.AdShare = 0;

        var truth = await new SimulationRunner(options, client).RunAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(3, client.Stats.Status429);
        Assert.Equal(0, client.Stats.EventsDropped);
        Assert.Equal(truth.Sent.Events, truth.Accepted.Events);
        Assert.True(stub.AcceptedBatches > 0);
    }

    [Theory]
    [InlineData("http://other.example/v1/t/imp?token=abc%2B1", "/v1/t/imp?token=abc%2B1", "abc+1")]
    [InlineData("/v1/t/click?to=x&token=z", "/v1/t/click?to=x&token=z", "z")]
    public void TrackingUrlsAreFollowedOnTheTargetAndTheirTokenIsRead(string url, string pathAndQuery, string token)
    {
        Assert.Equal(pathAndQuery, TrackingUrl.PathAndQuery(url));
        Assert.Equal(token, TrackingUrl.Token(url));
    }
}
