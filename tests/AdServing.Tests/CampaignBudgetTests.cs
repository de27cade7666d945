using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.AdServing.Tests;

/// <summary>PATCH /v1/campaigns/{id} changes budgets through the log; applying recommendations does the same per campaign.</summary>
public sealed class CampaignBudgetTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Raising_the_total_budget_of_an_exhausted_campaign_makes_it_serve_again()
    {
        await _service.SlotAsync("topup", floorMicros: 1_000_000);
        await _service.CampaignAsync(Campaigns.Cpm("topped", 2_000_000, "topup", total: 5_000), "topped");
        await Eventually.TrueAsync(async () =>
        {
            if (await AuctionAsync("topup") is { } won)
            {
                await _service.Ads().GetAsync(won.ImpressionUrl);
            }

            return (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/topped"))!.Status == "exhausted";
        });

        var patched = await _service.Admin().PatchAsJsonAsync("/v1/campaigns/topped", new { totalBudgetMicros = 10_000 });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("active", (await patched.Content.ReadFromJsonAsync<CampaignDto>())!.Status);

        // The raised budget is spent until less than one maximal charge (2,000) is left, at 1,010 per impression.
        await Eventually.TrueAsync(async () =>
        {
            if (await AuctionAsync("topup") is { } won)
            {
                await _service.Ads().GetAsync(won.ImpressionUrl);
            }

            return (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/topped"))!.Status == "exhausted";
        });
        var campaign = (await _service.Admin().GetFromJsonAsync<CampaignDto>("/v1/campaigns/topped"))!;
        Assert.True(campaign.Impressions > 3, $"{campaign.Impressions} impressions");
        Assert.Equal(campaign.Impressions * 1_010, campaign.SpentMicros);
        Assert.InRange(10_000 - campaign.SpentMicros, 0, 1_999);
    }

    [Fact]
    public async Task A_budget_change_that_makes_no_sense_is_a_400_naming_the_field_and_an_unknown_campaign_404()
    {
        await _service.CampaignAsync(Campaigns.Cpm("patched", 1_000_000, total: 1_000_000), "patched");
        var admin = _service.Admin();

        var tooHigh = await admin.PatchAsJsonAsync("/v1/campaigns/patched", new { dailyBudgetMicros = 2_000_000 });
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Contains("dailyBudgetMicros", (await tooHigh.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var empty = await admin.PatchAsJsonAsync("/v1/campaigns/patched", new { });
        Assert.Contains("body", (await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("/v1/campaigns/nobody", new { totalBudgetMicros = 5 })).StatusCode);
    }

    [Fact]
    public async Task Applying_recommendations_needs_an_admin_key_and_reports_each_campaign()
    {
        await _service.CampaignAsync(Campaigns.Cpm("recommended", 1_000_000, total: 1_000_000), "recommended");

        Assert.Equal(HttpStatusCode.Forbidden, (await _service.Ads().PostAsync("/v1/budget/recommendations/apply", null)).StatusCode);
        var applied = await _service.Admin().PostAsync("/v1/budget/recommendations/apply", null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var body = await applied.Content.ReadFromJsonAsync<Application>();
        Assert.Equal("unchanged", Assert.Single(body!.Campaigns, c => c.CampaignId == "recommended").Outcome);
    }

    private async Task<AuctionDto?> AuctionAsync(string slot)
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = slot, userId = "u-budget" });
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AuctionDto>() : null;
    }

    private sealed record Applied(string CampaignId, string Outcome);

    private sealed record Application(List<Applied> Campaigns);
}
