using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Silo.Hosting;
using netDumbster.smtp;

namespace AdOrleans.Kpi.Tests.Alerts;

/// <summary>Email through SMTP (MailKit) against a real SMTP receiver in the test process (netDumbster).</summary>
public sealed class AlertEmailTests
{
    private const string OnCall = "oncall@adorleans.test";

    [Fact]
    public async Task AFiringAlertIsMailedOnceWithTheRuleNameAndMetricAndTheAttemptIsListedAsAnEmailDelivery()
    {
        var port = FreePort.Pick();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var service = AlertService.Create(settings: Smtp(port));
        var admin = service.CreateClient(KpiService.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("ctr-mail", "c-mail"))).StatusCode);
        await service.RulesKnownAsync();

        await service.TrafficAsync("c-mail", impressions: 200, clicks: 2, prefix: "low");

        var firing = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        var id = firing["id"]!.GetValue<string>();
        var detail = await Eventually.GetAsync<JsonNode>(admin, $"/v1/alerts/{id}", a => a["deliveries"]!.AsArray().Count == 1);
        var delivery = detail["deliveries"]![0]!;
        Assert.Equal(("email", $"mailto:{OnCall}", 250, 1, "firing"), (delivery["channel"]!.GetValue<string>(), delivery["url"]!.GetValue<string>(),
            delivery["status"]!.GetValue<int>(), delivery["attempt"]!.GetValue<int>(), delivery["event"]!.GetValue<string>()));
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("[AdOrleans] firing: CTR drop: ctr = 0.01 (threshold 0.05)", mail.Headers["Subject"]);
        Assert.Equal([OnCall], mail.ToAddresses.Select(a => a.Address));
        Assert.Equal(id, mail.Headers["X-AdOrleans-Alert"]);
        var body = mail.MessageParts[0].BodyData;
        Assert.Contains("Rule:      CTR drop (ctr-mail)", body, StringComparison.Ordinal);
        Assert.Contains("Metric:    ctr on campaign c-mail", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableSmtpServerIsRetriedAsTheWebhooksAreAndEveryAttemptIsListed()
    {
        var settings = new Dictionary<string, string>(Smtp(FreePort.Pick())) { ["Alerts:Retries"] = "2" };
        await using var service = AlertService.Create(settings: settings);
        var admin = service.CreateClient(KpiService.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", AlertService.CtrRule("ctr-nomail", "c-nomail"))).StatusCode);
        await service.RulesKnownAsync();

        await service.TrafficAsync("c-nomail", impressions: 200, clicks: 2, prefix: "low");

        var firing = (await Eventually.GetAsync<JsonNode>(admin, "/v1/alerts?state=firing", a => a["alerts"]!.AsArray().Count == 1))["alerts"]![0]!;
        var detail = await Eventually.GetAsync<JsonNode>(admin, $"/v1/alerts/{firing["id"]!.GetValue<string>()}", a => a["deliveries"]!.AsArray().Count == 3);
        var attempts = detail["deliveries"]!.AsArray().Select(d => d!).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(d => d["attempt"]!.GetValue<int>()));
        Assert.All(attempts, d => Assert.Equal("email", d["channel"]!.GetValue<string>()));
        Assert.All(attempts, d => Assert.Null(d["status"]));
        Assert.All(attempts, d => Assert.False(string.IsNullOrEmpty(d["error"]!.GetValue<string>())));
    }

    private static Dictionary<string, string> Smtp(int port) => new()
    {
        ["Alerts:Smtp:Host"] = "127.0.0.1",
        ["Alerts:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Smtp:From"] = "AdOrleans alerts <alerts@adorleans.test>",
        ["Alerts:Smtp:To"] = OnCall,
        ["Alerts:Smtp:UseTls"] = "false",
    };
}
