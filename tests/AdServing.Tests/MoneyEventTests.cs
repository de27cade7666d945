using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.AdServing.Tests;

/// <summary>Conversions and purchases that name a campaign count only with the click's token or that campaign's advertiser key.</summary>
public sealed class MoneyEventTests : IAsyncLifetime
{
    private const string AcmeKey = "acme-advertiser-key";
    private const string GlobexKey = "globex-advertiser-key";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests",
        Settings = new Dictionary<string, string>
        {
            ["Auth:Advertisers:acme:Keys"] = AcmeKey,
            ["Auth:Advertisers:globex:Keys"] = GlobexKey,
        },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static object Conversion(string eventId, string? campaignId, string? token = null, string type = "conversion") =>
        new { eventId, type, campaignId, token, channel = "display", valueMicros = 5_000_000, occurredAt = DateTimeOffset.UtcNow };

    private async Task<AuctionDto> WinAsync(string slot, string campaign)
    {
        await _service.SlotAsync(slot);
        await _service.CampaignAsync(Campaigns.Cpm(campaign, 3_000_000, slot), campaign);
        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = slot, userId = "u-1" });
        return (await response.Content.ReadFromJsonAsync<AuctionDto>())!;
    }

    [Fact]
    public async Task AClientKeyConversionThatNamesACampaignWithoutTheClicksTokenIsRejectedAndNotCounted()
    {
        var won = await WinAsync("money-a", "money-a");
        var ads = _service.Ads();

        var bare = await ads.PostAsJsonAsync("/v1/events", Conversion("v-bare", "money-a"));
        var purchase = await ads.PostAsJsonAsync("/v1/events/batch", new { events = new[] { Conversion("p-bare", "money-a", type: "purchase") } });
        var clickThrough = await ads.PostAsJsonAsync("/v1/events", Conversion("v-token", "money-a", won.Token));

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("token", (await bare.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, purchase.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, clickThrough.StatusCode);
        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/money-a", c => c.Conversions >= 1);
        Assert.Equal(1, campaign.Conversions);
    }

    [Fact]
    public async Task AClickThroughConversionIsCreditedToTheTokensCampaignAndCreative()
    {
        var won = await WinAsync("money-b", "money-b");

        var response = await _service.Ads().PostAsJsonAsync("/v1/events", Conversion("v-b", campaignId: null, won.Token));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await Eventually.GetAsync<BillingDto>(_service.Admin(), "/v1/reports/billing", r => r.Total.Conversions == 1);
        Assert.Equal(("money-b", "money-b-cr", 1L), (report.Lines[0].CampaignId, report.Lines[0].CreativeId, report.Lines[0].Conversions));
    }

    [Fact]
    public async Task AConversionWithAnAlteredTokenOrAnotherCampaignsIdIsRejected()
    {
        var won = await WinAsync("money-c", "money-c");
        var ads = _service.Ads();
        var altered = won.Token[..^2] + (won.Token[^2] == 'A' ? "B" : "A") + won.Token[^1];

        var forged = await ads.PostAsJsonAsync("/v1/events", Conversion("v-forged", "money-c", altered));
        var mismatched = await ads.PostAsJsonAsync("/v1/events", Conversion("v-other", "someone-else", won.Token));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
    }

    [Fact]
    public async Task AWebPurchaseThatNamesNoCampaignIsStillAcceptedWithAClientKey()
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/events", new { eventId = "p-web", type = "purchase", channel = "web", valueMicros = 45_000_000 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task AnAdvertiserKeyPostsMoneyEventsOfItsOwnCampaignsOnly()
    {
        await WinAsync("money-d", "money-d");
        var acme = _service.CreateClient(AcmeKey);
        var globex = _service.CreateClient(GlobexKey);

        var own = await acme.PostAsJsonAsync("/v1/events", Conversion("v-acme", "money-d"));
        var foreign = await globex.PostAsJsonAsync("/v1/events", Conversion("v-globex", "money-d"));
        var unknown = await acme.PostAsJsonAsync("/v1/events", Conversion("v-unknown", "no-such-campaign"));
        var pageview = await acme.PostAsJsonAsync("/v1/events", new { eventId = "pv-acme", type = "pageview", campaignId = "money-d", channel = "web" });
        var mixed = await acme.PostAsJsonAsync("/v1/events/batch", new { events = new[] { Conversion("v-acme-2", "money-d"), Conversion("v-acme-3", "no-such-campaign") } });

        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("another advertiser", (await foreign.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Contains("not known", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, pageview.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mixed.StatusCode);
        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/money-d", c => c.Conversions >= 1);
        Assert.Equal(1, campaign.Conversions);
    }
}
