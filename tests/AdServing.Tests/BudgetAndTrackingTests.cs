using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AdOrleans.AdServing.Tests;

public sealed class BudgetAndTrackingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<AuctionDto?> AuctionAsync(string slot)
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = slot, userId = "u-7" });
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AuctionDto>() : null;
    }

    /// <summary>The first win on a new campaign's slot: its lease and the gateway's auction index arrive separately.</summary>
    private async Task<AuctionDto> WonAsync(string slot)
    {
        AuctionDto? won = null;
        await Eventually.TrueAsync(async () => (won = await AuctionAsync(slot)) is not null, what: $"an auction on {slot} is won");
        return won!;
    }

    private static object ImpressionEvent(string eventId, string token) =>
        new { eventId, type = "impression", token, channel = "display", occurredAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task ACampaignThatCannotPayAnotherImpressionIsExhaustedAndStopsWinning()
    {
        await _service.SlotAsync("budget", floorMicros: 1_000_000);
        await _service.CampaignAsync(Campaigns.Cpm("thrifty", 2_000_000, "budget", total: 5_000), "thrifty");

        // Each win spends this gateway's lease; the keeper renews it between auctions until the grain has no
        // maximal charge (2,000) left to lease: 5,000 pays exactly three impressions at 1,010.
        var wins = new List<AuctionDto>();
        await Eventually.TrueAsync(async () =>
        {
            if (await AuctionAsync("budget") is { } won)
            {
                wins.Add(won);
                Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(won.ImpressionUrl)).StatusCode);
            }

            return (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/thrifty"))!.Status == "exhausted";
        });

        Assert.Equal(3, wins.Count);
        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/thrifty", c => c.Status == "exhausted");
        Assert.Equal(3 * 1_010, campaign.SpentMicros);
        Assert.Null(await AuctionAsync("budget"));
    }

    [Fact]
    public async Task ASmallBudgetIsSpentToTheLastImpressionWithoutAPause()
    {
        // The example: 20,200 at 1,010 per impression used to stop at 9 impressions and pause for 2 s.
        await _service.SlotAsync("small", floorMicros: 1_000_000);
        await _service.CampaignAsync(Campaigns.Cpm("small-budget", 1_010_000, "small", total: 20_200), "small-budget");

        var wins = 0;
        var sinceWin = System.Diagnostics.Stopwatch.StartNew();
        var longestGap = TimeSpan.Zero;
        await Eventually.TrueAsync(async () =>
        {
            if (await AuctionAsync("small") is { } won)
            {
                wins++;
                longestGap = TimeSpan.FromTicks(Math.Max(longestGap.Ticks, sinceWin.Elapsed.Ticks));
                sinceWin.Restart();
                Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(won.ImpressionUrl)).StatusCode);
            }

            return (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/small-budget"))!.Status == "exhausted";
        });

        Assert.Equal(20, wins);
        Assert.Equal(20_200, (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/small-budget"))!.SpentMicros);
        Assert.True(longestGap < TimeSpan.FromSeconds(2), $"bidding paused for {longestGap} before the budget ran out");
    }

    [Fact]
    public async Task AnImpressionIsBilledOnceHoweverOftenItIsReported()
    {
        await _service.SlotAsync("idem");
        await _service.CampaignAsync(Campaigns.Cpm("idempotent", 3_000_000, "idem"), "idempotent");
        var won = await WonAsync("idem");
        var ads = _service.Ads();

        await ads.GetAsync(won.ImpressionUrl);
        await ads.GetAsync(won.ImpressionUrl);
        Assert.Equal(HttpStatusCode.Accepted, (await ads.PostAsJsonAsync("/v1/events", ImpressionEvent("e-a", won.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ads.PostAsJsonAsync("/v1/events", ImpressionEvent("e-a", won.Token))).StatusCode);
        var second = (await AuctionAsync("idem"))!;
        await ads.GetAsync(second.ImpressionUrl);

        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/idempotent", c => c.Impressions >= 2);
        Assert.Equal(2, campaign.Impressions);
        Assert.Equal(2 * 10, campaign.SpentMicros);
    }

    [Fact]
    public async Task AForgedOrAlteredTokenIsRejectedAndNothingIsCounted()
    {
        await _service.SlotAsync("forge");
        await _service.CampaignAsync(Campaigns.Cpm("forged", 3_000_000, "forge"), "forged");
        var won = await WonAsync("forge");
        var ads = _service.Ads();
        var parts = won.Token.Split('.');
        var claims = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0])).Replace("\"p\":10000", "\"p\":900000000");
        var altered = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims)) + "." + parts[1];

        var forgedEvent = await ads.PostAsJsonAsync("/v1/events", ImpressionEvent("e-forged", altered));
        var forgedBeacon = await ads.GetAsync("/v1/t/imp?token=" + altered);
        var noToken = await ads.PostAsJsonAsync("/v1/events", new { eventId = "e-none", type = "click", campaignId = "forged", channel = "display" });

        Assert.Equal(HttpStatusCode.BadRequest, forgedEvent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedBeacon.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        await ads.GetAsync(won.ImpressionUrl);
        var campaign = await Eventually.GetAsync<CampaignDto>(_service.Admin(), "/v1/campaigns/forged", c => c.Impressions >= 1);
        Assert.Equal((1, 0, 10L), (campaign.Impressions, campaign.Clicks, campaign.SpentMicros));
    }

    [Fact]
    public async Task AClickRedirectsOnlyToAnAbsoluteHttpUrl()
    {
        await _service.SlotAsync("redirect");
        await _service.CampaignAsync(Campaigns.Cpm("redirecting", 3_000_000, "redirect"), "redirecting");
        var won = await WonAsync("redirect");

        var click = await _service.Ads().GetAsync(won.ClickUrl);
        var evil = await _service.Ads().GetAsync($"/v1/t/click?token={won.Token}&to=javascript:alert(1)");

        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal("https://cdn.example/redirecting.png", click.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
    }

    [Fact]
    public async Task TheBillingReportTotalsEqualTheSumOfChargedPrices()
    {
        await _service.SlotAsync("bill");
        await _service.CampaignAsync(Campaigns.Cpm("bill-cpm", 3_000_000, "bill"), "bill-cpm");
        await _service.CampaignAsync(Campaigns.Cpm("bill-cpc", 300_000, "bill", bidType: "cpc"), "bill-cpc");
        var ads = _service.Ads();
        long charged = 0;
        for (var i = 0; i < 6; i++)
        {
            var won = await WonAsync("bill");
            await ads.GetAsync(won.ImpressionUrl);
            await ads.GetAsync(won.ClickUrl);
            var claims = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(won.Token.Split('.')[0])).RootElement;
            charged += won.CampaignId == "bill-cpm" ? won.PriceMicros / 1000 : claims.GetProperty("k").GetInt64();
        }

        var admin = _service.Admin();
        var report = await Eventually.GetAsync<BillingDto>(admin, "/v1/reports/billing", r => r.Total.Impressions == 6 && r.Total.Clicks == 6);
        var spent = (await admin.GetFromJsonAsync<CampaignDto>("/v1/campaigns/bill-cpm"))!.SpentMicros
            + (await admin.GetFromJsonAsync<CampaignDto>("/v1/campaigns/bill-cpc"))!.SpentMicros;
        Assert.Equal(charged, report.Total.SpendMicros);
        Assert.Equal(spent, report.Lines.Sum(l => l.SpendMicros));

        var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/reports/billing");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await admin.SendAsync(csvRequest)).Content.ReadAsStringAsync();
        Assert.StartsWith("campaignId,creativeId,impressions,clicks,conversions,spendMicros\n", csv);
        Assert.Equal(charged, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(l => long.Parse(l.Split(',')[5])));
    }
}
