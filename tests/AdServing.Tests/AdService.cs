using System.Net;
using System.Net.Http.Json;
using AdOrleans.Gateway.Ads.Index;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.AdServing.Tests;

/// <summary>The embedded service as these tests use it: admin and ad clients that see redirects, and set-ups that wait until they took effect.</summary>
internal static class AdService
{
    public static EmbeddedServiceFactory Create() => new(new EmbeddedServiceOptions { TempFolder = "adorleans-ads-tests" });

    public static HttpClient Admin(this EmbeddedServiceFactory service) => Client(service, service.AdminKey);

    public static HttpClient Ads(this EmbeddedServiceFactory service) => Client(service, service.ClientKey);

    // No auto-redirect: click tracking answers with a redirect the tests assert on.
    private static HttpClient Client(EmbeddedServiceFactory service, string key) =>
        service.CreateClient(key, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>
    /// Creates a campaign and waits until it is in the auction index and, when it can serve, this gateway holds budget.
    /// The grain records a lease as granted before the gateway applies the grant, so the grain's figure alone races the first auction.
    /// </summary>
    public static async Task CampaignAsync(this EmbeddedServiceFactory service, object campaign, string id)
    {
        var response = await service.Admin().PostAsJsonAsync("/v1/campaigns", campaign);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.TrueAsync(async () => (await service.Admin().GetFromJsonAsync<List<CampaignDto>>("/v1/campaigns"))!.Any(c => c.Id == id));
        var granted = await Eventually.GetAsync<CampaignDto>(service.Admin(), $"/v1/campaigns/{id}", c => c.Status != "active" || c.LeasedMicros > 0);
        if (granted.Status == "active")
        {
            var index = service.Services.GetRequiredService<AuctionIndex>();
            await Eventually.TrueAsync(() => Task.FromResult(index.TryGetCampaign(id, out var indexed) && indexed.Lease.AvailableMicros > 0));
        }
    }

    /// <summary>Puts a slot and waits until an auction on it no longer answers 404.</summary>
    public static async Task SlotAsync(this EmbeddedServiceFactory service, string id, long floorMicros = 0, string auction = "second-price", int width = 300, int height = 250)
    {
        var response = await service.Admin().PutAsJsonAsync($"/v1/slots/{id}", new { floorMicros, width, height, auction });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = id })).StatusCode != HttpStatusCode.NotFound
            && (await service.Admin().GetFromJsonAsync<SlotDto>($"/v1/slots/{id}"))!.FloorMicros == floorMicros);
    }
}
