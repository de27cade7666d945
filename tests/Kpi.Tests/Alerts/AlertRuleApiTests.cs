using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Kpi.Tests.Alerts;

public sealed class AlertRuleApiTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AlertService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ARuleIsCreatedListedReplacedAndDeletedByAdminsAndReadByAnalysts()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        var analyst = _service.CreateClient(AlertService.AnalystKey);

        var created = await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("r-1", "c-1", "http://127.0.0.1:9/hook"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("ctr", rule["metric"]!.GetValue<string>());
        Assert.Equal("c-1", rule["scope"]!["campaignId"]!.GetValue<string>());
        Assert.Equal("PT5M", rule["window"]!.GetValue<string>());
        Assert.Null(rule["notify"]![0]!["secret"]);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("r-1", "c-2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("r-2", "c-2"))).StatusCode);

        var list = (await analyst.GetFromJsonAsync<JsonNode>("/v1/alerts/rules"))!;
        Assert.Equal(["r-1"], list["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var replaced = await admin.PutAsJsonAsync("/v1/alerts/rules/r-1", AlertService.CtrRule("r-1", "c-9"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("c-9", (await analyst.GetFromJsonAsync<JsonNode>("/v1/alerts/rules/r-1"))!["scope"]!["campaignId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/v1/alerts/rules/r-404", AlertService.CtrRule("r-404", "c-9"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/alerts/rules/r-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/v1/alerts/rules/r-1")).StatusCode);
        Assert.Empty((await analyst.GetFromJsonAsync<JsonNode>("/v1/alerts/rules"))!["rules"]!.AsArray());
    }

    [Theory]
    [InlineData("metric", "metric", "\"nope\"")]
    [InlineData("window", "window", "\"PT0S\"")]
    [InlineData("window", "window", "\"-PT5M\"")]
    [InlineData("window", "window", "\"five minutes\"")]
    [InlineData("kind", "kind", "\"sometimes\"")]
    [InlineData("comparison", "comparison", "\"equals\"")]
    [InlineData("minVolume", "minVolume", "-1")]
    [InlineData("notify", "notify[0].url", "[{\"type\":\"webhook\",\"url\":\"ftp://example.com/x\",\"secret\":\"s\"}]")]
    [InlineData("notify", "notify[0].url", "[{\"type\":\"webhook\",\"url\":\"/relative\",\"secret\":\"s\"}]")]
    [InlineData("id", "id", "\"bad id!\"")]
    public async Task ABadRuleIsA400NamingTheField(string property, string field, string json)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(AlertService.CtrRule("r-bad", "c-1")))!.AsObject();
        body[property] = JsonNode.Parse(json);

        var response = await _service.CreateClient(KpiService.AdminKey).PostAsync("/v1/alerts/rules", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task AnAnomalyRuleTakesAPositiveZScoreOnAKpiMetric()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        object Anomaly(string id, string metric, double value) => new { id, name = "odd CTR", kind = "anomaly", metric, comparison = "below", value, window = "PT15M" };

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", Anomaly("z-ok", "ctr", 3))).StatusCode);
        var zero = await admin.PostAsJsonAsync("/v1/alerts/rules", Anomaly("z-zero", "ctr", 0));
        Assert.NotNull((await zero.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["value"]);
        var health = await admin.PostAsJsonAsync("/v1/alerts/rules", Anomaly("z-lag", "lag", 3));
        Assert.NotNull((await health.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["metric"]);
    }

    [Fact]
    public async Task AnAlertThatDoesNotExistIsA404AndAnUnknownStateA400()
    {
        var analyst = _service.CreateClient(AlertService.AnalystKey);

        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/v1/alerts/r-x.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.CreateClient(KpiService.AdminKey).PostAsync("/v1/alerts/r-x.1/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/v1/alerts?state=sleeping")).StatusCode);
        Assert.Empty((await analyst.GetFromJsonAsync<JsonNode>("/v1/alerts"))!["alerts"]!.AsArray());
    }
}
