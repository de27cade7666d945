using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

/// <summary>One service for the whole matrix: two advertisers' campaigns on one slot, an analyst key.</summary>
public sealed class RoleMatrixService : IAsyncLifetime
{
    public const string Analyst = "analyst-key";
    public const string Acme = "acme-key";
    public const string Globex = "globex-key";

    public EmbeddedServiceFactory Service { get; } = new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests",
        Settings = new Dictionary<string, string>
        {
            ["Auth:AnalystKeys"] = Analyst,
            ["Auth:Advertisers:acme:Keys"] = Acme,
            ["Auth:Advertisers:globex:Keys"] = Globex,
        },
    });

    public async Task InitializeAsync()
    {
        await Service.SlotAsync("s-roles");
        await Service.CampaignAsync(Campaigns.Cpm("acme-c", 1_000_000, "s-roles"), "acme-c");
        await Service.CampaignAsync(RoleMatrixTests.Campaign("globex-c", "globex"), "globex-c");
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}

/// <summary>Every role against every kind of endpoint: advertisers see and change only their own campaigns, KPIs and bills.</summary>
public sealed class RoleMatrixTests(RoleMatrixService fixture) : IClassFixture<RoleMatrixService>
{
    private readonly EmbeddedServiceFactory _service = fixture.Service;

    public static TheoryData<string, string, string, HttpStatusCode> Matrix() => new()
    {
        { "admin", "GET", "/v1/campaigns/acme-c", HttpStatusCode.OK },
        { "acme", "GET", "/v1/campaigns/acme-c", HttpStatusCode.OK },
        { "globex", "GET", "/v1/campaigns/acme-c", HttpStatusCode.Forbidden },
        { "analyst", "GET", "/v1/campaigns/acme-c", HttpStatusCode.Forbidden },
        { "client", "GET", "/v1/campaigns/acme-c", HttpStatusCode.Forbidden },
        { "acme", "POST", "/v1/campaigns/globex-c/pause", HttpStatusCode.Forbidden },
        { "analyst", "POST", "/v1/campaigns/acme-c/pause", HttpStatusCode.Forbidden },
        { "client", "POST", "/v1/campaigns/acme-c/pause", HttpStatusCode.Forbidden },
        { "admin", "GET", "/v1/kpi/campaigns/acme-c", HttpStatusCode.OK },
        { "analyst", "GET", "/v1/kpi/campaigns/acme-c", HttpStatusCode.OK },
        { "acme", "GET", "/v1/kpi/campaigns/acme-c", HttpStatusCode.OK },
        { "globex", "GET", "/v1/kpi/campaigns/acme-c", HttpStatusCode.Forbidden },
        { "client", "GET", "/v1/kpi/campaigns/acme-c", HttpStatusCode.Forbidden },
        { "analyst", "GET", "/v1/kpi/summary", HttpStatusCode.OK },
        { "acme", "GET", "/v1/kpi/summary", HttpStatusCode.Forbidden },
        { "acme", "GET", "/v1/kpi/channels", HttpStatusCode.Forbidden },
        { "acme", "GET", "/v1/kpi/top", HttpStatusCode.Forbidden },
        { "analyst", "GET", "/v1/reports/billing", HttpStatusCode.OK },
        { "acme", "GET", "/v1/reports/billing", HttpStatusCode.OK },
        { "client", "GET", "/v1/reports/billing", HttpStatusCode.Forbidden },
        { "acme", "PUT", "/v1/slots/s-roles", HttpStatusCode.Forbidden },
        { "analyst", "PUT", "/v1/slots/s-roles", HttpStatusCode.Forbidden },
        { "acme", "GET", "/v1/audit", HttpStatusCode.Forbidden },
        { "analyst", "GET", "/v1/audit", HttpStatusCode.Forbidden },
        { "admin", "GET", "/v1/audit", HttpStatusCode.OK },
        { "admin", "GET", "/v1/automations", HttpStatusCode.OK },
        { "analyst", "GET", "/v1/automations", HttpStatusCode.OK },
        { "acme", "GET", "/v1/automations", HttpStatusCode.Forbidden },
        { "client", "GET", "/v1/automations", HttpStatusCode.Forbidden },
        { "analyst", "DELETE", "/v1/automations/none", HttpStatusCode.Forbidden },
        { "acme", "DELETE", "/v1/automations/none", HttpStatusCode.Forbidden },
        { "admin", "DELETE", "/v1/automations/none", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsWhatItsScopeAllows(string role, string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { floorMicros = 0, width = 300, height = 250, auction = "second-price" });
        }

        var response = await Client(role).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnAdvertiserListsCreatesAndPausesOnlyItsOwnCampaignsAndTheAuditLogNamesItsKey()
    {
        var acme = Client("acme");
        var listed = await acme.GetFromJsonAsync<List<CampaignDto>>("/v1/campaigns");
        Assert.Equal(["acme-c"], listed!.Select(c => c.Id));

        Assert.Equal(HttpStatusCode.Forbidden, (await acme.PostAsJsonAsync("/v1/campaigns", Campaign("acme-as-globex", "globex"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await acme.PostAsJsonAsync("/v1/campaigns", Campaign("acme-own", "acme"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await acme.PostAsync("/v1/campaigns/acme-c/pause", null)).StatusCode);

        var audit = await _service.Admin().GetFromJsonAsync<JsonElement>("/v1/audit");
        var entries = audit.GetProperty("entries").EnumerateArray()
            .Select(e => (Key: e.GetProperty("key").GetString(), Path: e.GetProperty("path").GetString(), Status: e.GetProperty("status").GetInt32())).ToList();
        Assert.Contains(("advertiser:acme#1", "/v1/campaigns/acme-c/pause", 202), entries);
        Assert.Contains(("advertiser:acme#1", "/v1/campaigns", 403), entries);
        Assert.Contains(("admin#1", "/v1/slots/s-roles", 200), entries);
        Assert.DoesNotContain(entries, e => e.Key!.StartsWith("client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdvertisersBillHoldsOnlyItsOwnCampaigns()
    {
        var won = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "s-roles", userId = "u-1" });
        var auction = (await won.Content.ReadFromJsonAsync<AuctionDto>())!;
        await _service.Ads().GetAsync(auction.ImpressionUrl);
        await Eventually.TrueAsync(async () => (await _service.Admin().GetFromJsonAsync<JsonElement>("/v1/reports/billing"))
            .GetProperty("lines").GetArrayLength() > 0);

        var bill = await Client(auction.CampaignId == "acme-c" ? "globex" : "acme").GetFromJsonAsync<JsonElement>("/v1/reports/billing");
        Assert.Equal(0, bill.GetProperty("lines").GetArrayLength());
        var own = await Client(auction.CampaignId == "acme-c" ? "acme" : "globex").GetFromJsonAsync<JsonElement>("/v1/reports/billing");
        Assert.All(own.GetProperty("lines").EnumerateArray(), l => Assert.Equal(auction.CampaignId, l.GetProperty("campaignId").GetString()));
    }

    private HttpClient Client(string role) => role switch
    {
        "admin" => _service.Admin(),
        "client" => _service.Ads(),
        "analyst" => _service.CreateClient(RoleMatrixService.Analyst),
        "acme" => _service.CreateClient(RoleMatrixService.Acme),
        _ => _service.CreateClient(RoleMatrixService.Globex),
    };

    public static object Campaign(string id, string advertiser) => new
    {
        id, name = id, advertiser, channel = "display", bidType = "cpm", bidMicros = 900_000, totalBudgetMicros = 50_000_000,
        targeting = new { slots = new[] { "s-roles" } },
        creatives = new[] { new { id = "cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
    };
}
