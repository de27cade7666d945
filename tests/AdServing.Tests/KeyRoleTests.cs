using System.Net;
using System.Net.Http.Json;
using AdOrleans.Gateway.Auth;

namespace AdOrleans.AdServing.Tests;

/// <summary>Analyst and advertiser keys reach what their role allows and no admin write.</summary>
public sealed class KeyRoleTests : IAsyncLifetime
{
    private const string AnalystKey = "analyst-key";
    private const string AdvertiserKey = "acme-key";

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests",
        Settings = new Dictionary<string, string> { ["Auth:AnalystKeys"] = AnalystKey, ["Auth:Advertisers:acme:Keys"] = AdvertiserKey },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AnAnalystKeyReadsKpisAndReportsButWritesNothing()
    {
        var analyst = _service.CreateClient(AnalystKey);

        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/kpi/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/reports/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/v1/campaigns", Campaigns.Cpm("by-analyst", 1_000_000))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync("/v1/slots/s-analyst", new { width = 1, height = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/v1/auction", new { slotId = "s-analyst" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/v1/events", new { eventId = "e", type = "pageview", channel = "web" })).StatusCode);
    }

    [Fact]
    public async Task AnAdvertiserKeyReachesNoAdminWriteOutsideItsOwnCampaigns()
    {
        var advertiser = _service.CreateClient(AdvertiserKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await advertiser.PostAsJsonAsync("/v1/campaigns", RoleMatrixTests.Campaign("by-acme", "globex"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await advertiser.PostAsync("/v1/campaigns/by-acme/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await advertiser.PutAsJsonAsync("/v1/segments/g-acme", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await advertiser.GetAsync("/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Admin().GetAsync("/v1/campaigns/by-acme")).StatusCode);
    }

    [Fact]
    public void AKeyListedUnderTwoRolesIsAStartupErrorNamingBothLists()
    {
        var options = new ApiKeyOptions
        {
            AdminKeys = ["shared", "admin-only"],
            ClientKeys = ["shared"],
            AnalystKeys = ["twice"],
            Advertisers = new(StringComparer.Ordinal) { ["acme"] = new AdvertiserKeys { Keys = ["twice"] } },
        };

        var result = new ApiKeyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Auth:AdminKeys") && f.Contains("Auth:ClientKeys"));
        Assert.Contains(result.Failures!, f => f.Contains("Auth:AnalystKeys") && f.Contains("Auth:Advertisers:acme:Keys"));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("shared") || f.Contains("twice"));
    }

    [Fact]
    public async Task AServiceWithAKeyUnderTwoRolesDoesNotStart()
    {
        await using var service = new EmbeddedServiceFactory(new EmbeddedServiceOptions { TempFolder = "adorleans-ads-tests", AdminKey = "same", ClientKey = "same" });

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains("listed under both Auth:AdminKeys and Auth:ClientKeys", error.ToString());
    }
}
