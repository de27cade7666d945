using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.AdServing.Tests;

/// <summary>Ids match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z everywhere; a request with a bad one is a 400 that leaves nothing behind.</summary>
public sealed class StrictIdTests : IAsyncLifetime
{
    public static readonly TheoryData<string> BadIds = ["c-1\n", "c-1 ", "c-\u00e9t\u00e9", "c-1\u200b", new string('c', 129)];

    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task ABadCampaignSlotOrSegmentIdIsAFieldErrorAndNothingIsCreated(string id)
    {
        var admin = _service.Admin();
        var path = Uri.EscapeDataString(id);

        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/v1/campaigns", Campaigns.Cpm(id, 1_000_000)), "id");
        await AssertFieldErrorAsync(await admin.PutAsJsonAsync($"/v1/slots/{path}", new { width = 300, height = 250 }), "id");
        await AssertFieldErrorAsync(await admin.PutAsJsonAsync($"/v1/segments/{path}", new { name = "Bad" }), "id");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/campaigns/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/slots/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/segments/{path}")).StatusCode);
        Assert.DoesNotContain(await admin.GetFromJsonAsync<List<CampaignDto>>("/v1/campaigns") ?? [], c => c.Id.StartsWith("c-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task ABadCreativeIdRejectsTheWholeCampaign(string id)
    {
        var campaign = new
        {
            id = "c-good", name = "Good", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 1_000_000, totalBudgetMicros = 5_000_000,
            pacing = "asap", targeting = new { slots = Array.Empty<string>() }, creatives = new[] { new { id, url = "https://cdn.example/x.png", width = 300, height = 250 } },
        };

        await AssertFieldErrorAsync(await _service.Admin().PostAsJsonAsync("/v1/campaigns", campaign), "creatives[0].id");
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Admin().GetAsync("/v1/campaigns/c-good")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task AnEventWithABadCampaignOrSlotIdIsAFieldError(string id)
    {
        var response = await _service.Ads().PostAsJsonAsync("/v1/events", new { eventId = "e-1", type = "pageview", channel = "web", campaignId = id, slotId = id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Contains("campaignId", errors.Keys);
        Assert.Contains("slotId", errors.Keys);
    }
}
