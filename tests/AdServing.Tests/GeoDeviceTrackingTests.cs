using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using AdOrleans.Gateway.Ads.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.AdServing.Tests;

/// <summary>Geo and device travel from the auction through the signed tracking token into the KPI geo and device rollups.</summary>
public sealed class GeoDeviceTrackingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public void ATrackingTokenRoundTripsGeoAndDevice()
    {
        var tokens = new TrackingTokens(Options.Create(new TrackingOptions { SigningKey = new string('k', 32) }));
        var now = DateTimeOffset.UtcNow;

        var claims = tokens.Verify(tokens.Sign(Claims("a-1", now) with { Geo = "US", Device = "mobile" }), now, out var error);

        Assert.Null(error);
        Assert.Equal(("US", "mobile"), (claims?.Geo, claims?.Device));
    }

    [Fact]
    public void AnOldTokenWithoutGeoAndDeviceIsStillReadWithBothUnknown()
    {
        var key = new string('k', 32);
        var tokens = new TrackingTokens(Options.Create(new TrackingOptions { SigningKey = key }));
        var now = DateTimeOffset.UtcNow;

        var claims = tokens.Verify(LegacyToken(key, "a-old", "c-1", "s-1", now), now, out var error);

        Assert.Null(error);
        Assert.Equal("c-1", claims?.CampaignId);
        Assert.Equal((null, null), (claims?.Geo, claims?.Device));
    }

    [Fact]
    public async Task ARefiredImpressionAndAClickFromUsMobileCountOnceInTheGeoAndDeviceRollupsAndAnOldTokenCountsAsUnknown()
    {
        await _service.SlotAsync("geo");
        await _service.CampaignAsync(Campaigns.Cpm("geo-c", 3_000_000, targeting: new { slots = new[] { "geo" }, geos = new[] { "US" }, devices = new[] { "mobile" } }), "geo-c");
        var ads = _service.Ads();
        var auction = await ads.PostAsJsonAsync("/v1/auction", new { slotId = "geo", userId = "u-1", geo = "US", device = "mobile" });
        Assert.Equal(HttpStatusCode.OK, auction.StatusCode);
        var won = (await auction.Content.ReadFromJsonAsync<AuctionDto>())!;

        await ads.GetAsync(won.ImpressionUrl);
        await ads.GetAsync(won.ImpressionUrl);
        await ads.GetAsync(won.ClickUrl);
        // Same campaign, so the same log partition: once the legacy impression is counted, so is everything before it.
        var key = _service.Services.GetRequiredService<IOptions<TrackingOptions>>().Value.SigningKey;
        Assert.Equal(HttpStatusCode.OK, (await ads.GetAsync($"/v1/t/imp?token={LegacyToken(key, "a-old", "geo-c", "geo", DateTimeOffset.UtcNow)}")).StatusCode);

        var admin = _service.Admin();
        var unknown = await Eventually.GetAsync<KpiSeriesDto>(admin, "/v1/kpi/geos/unknown", s => s.Totals.Impressions >= 1);
        var us = await Eventually.GetAsync<KpiSeriesDto>(admin, "/v1/kpi/geos/US", s => s.Totals.Clicks >= 1);
        var mobile = await Eventually.GetAsync<KpiSeriesDto>(admin, "/v1/kpi/devices/mobile", s => s.Totals.Clicks >= 1);
        var unknownDevice = await Eventually.GetAsync<KpiSeriesDto>(admin, "/v1/kpi/devices/unknown", s => s.Totals.Impressions >= 1);
        var top = await Eventually.GetAsync<KpiTopDto>(admin, "/v1/kpi/top?dimension=geo&by=impressions", t => t.Items.Count == 2);

        Assert.Equal((1L, 1L), (us.Totals.Impressions, us.Totals.Clicks));
        Assert.Equal((1L, 1L), (mobile.Totals.Impressions, mobile.Totals.Clicks));
        Assert.Equal(won.PriceMicros / 1000, us.Totals.SpendMicros);
        Assert.Equal((1L, 0L), (unknown.Totals.Impressions, unknown.Totals.Clicks));
        Assert.Equal(1L, unknownDevice.Totals.Impressions);
        Assert.Equal(["US", "unknown"], top.Items.Select(i => i.Item.Id).Order(StringComparer.Ordinal));
    }

    private static TrackingClaims Claims(string auction, DateTimeOffset now) => new()
    {
        AuctionId = auction, CampaignId = "c-1", CreativeId = "cr-1", SlotId = "s-1", BidType = "cpm", Channel = "display", PriceMicros = 2_000_000,
        ExpiresAt = (now + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds(),
    };

    /// <summary>A token as gateways signed them before geo and device existed: exactly these claims, nothing else.</summary>
    private static string LegacyToken(string key, string auction, string campaign, string slot, DateTimeOffset now)
    {
        var payload = Encoding.UTF8.GetBytes(
            $$"""{"a":"{{auction}}","c":"{{campaign}}","cr":"{{campaign}}-cr","s":"{{slot}}","p":2000000,"b":"cpm","k":0,"ch":"display","u":null,"x":{{(now + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds()}}}""");
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload));
    }

    private sealed record KpiTotalsDto(long Impressions, long Clicks, long SpendMicros);

    private sealed record KpiSeriesDto(KpiTotalsDto Totals);

    private sealed record KpiItemDto(string Id);

    private sealed record KpiRankedDto(KpiItemDto Item, KpiTotalsDto Totals);

    private sealed record KpiTopDto(List<KpiRankedDto> Items);
}
