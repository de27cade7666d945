using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Kpi.Tests.Alerts;

public sealed class AlertRestartTests
{
    [Fact]
    public async Task RulesAndAnAcknowledgedAlertSurviveARestartAndTheAlertStillResolves()
    {
        string directory;
        string id;
        await using (var first = AlertService.Create(deleteOnDispose: false))
        {
            directory = first.DataDirectory;
            var admin = first.CreateClient(KpiService.AdminKey);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("kept", "c-kept"))).StatusCode);
            await first.RulesKnownAsync();
            await first.TrafficAsync("c-kept", impressions: 200, clicks: 0, prefix: "before");
            id = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/alerts/{id}/ack", null)).StatusCode);
        }

        await using var second = AlertService.Create(directory);
        var analyst = second.CreateClient(AlertService.AnalystKey);
        Assert.Equal(["kept"], (await analyst.GetFromJsonAsync<JsonNode>("/v1/alerts/rules"))!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal("acknowledged", (await analyst.GetFromJsonAsync<JsonNode>($"/v1/alerts/{id}"))!["state"]!.GetValue<string>());

        await second.RulesKnownAsync();
        await second.TrafficAsync("c-kept", impressions: 200, clicks: 100, prefix: "after");

        var resolved = await Eventually.GetAsync<JsonNode>(analyst, $"/v1/alerts/{id}", a => a["state"]!.GetValue<string>() == "resolved");
        Assert.Equal(["firing", "acknowledged", "resolved"], resolved["history"]!.AsArray().Select(h => h!["state"]!.GetValue<string>()));
    }
}
