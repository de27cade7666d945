using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.Kpi.Tests;

public sealed class BudgetRecommendationApiTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        AdminKey = KpiService.AdminKey,
        ClientKey = KpiService.ClientKey,
        TempFolder = "adorleans-attribution-tests",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task RecommendationsListEveryCampaignWithItsReasonRejectAnUnknownModelAndNeedAReaderKey()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/campaigns", new
        {
            id = "budget-c", name = "Budget", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 1_000_000,
            totalBudgetMicros = 100_000_000, dailyBudgetMicros = 10_000_000,
            creatives = new[] { new { id = "cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var answer = await Eventually.GetAsync<JsonElement>(admin, "/v1/budget/recommendations",
            r => r.GetProperty("campaigns").EnumerateArray().Any(c => c.GetProperty("campaignId").GetString() == "budget-c"));
        var campaign = answer.GetProperty("campaigns").EnumerateArray().Single(c => c.GetProperty("campaignId").GetString() == "budget-c");
        Assert.Equal("markov", answer.GetProperty("model").GetString());
        Assert.Equal(10_000_000, campaign.GetProperty("recommendedDailyBudgetMicros").GetInt64());
        Assert.Equal("No spend in the window: nothing to judge it by.", campaign.GetProperty("reason").GetString());

        var bad = await admin.GetAsync("/v1/budget/recommendations?model=gut-feeling");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("model", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(KpiService.ClientKey).GetAsync("/v1/budget/recommendations")).StatusCode);
    }
}
