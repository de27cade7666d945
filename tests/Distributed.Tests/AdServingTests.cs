using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Distributed.Tests;

/// <summary>Ad serving and KPIs across processes: every grain's rows reach PostgreSQL and every report reads them back.</summary>
[Collection(DistributedCollection.Name)]
public sealed class AdServingTests
{
    [PostgresFact]
    public async Task AnAuctionWonOnAGatewayIsBilledAndCountedInKpisThroughKafkaAndPostgres()
    {
        await using var cluster = await TestCluster.StartAsync();
        var silo = await cluster.StartAsync("silo", "silo");
        var gateway = await cluster.StartAsync("gateway", "gateway");
        using var admin = gateway.CreateClient(TestCluster.AdminKey);
        using var ads = gateway.CreateClient(TestCluster.ClientKey);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/slots/d-slot", new { floorMicros = 0, width = 300, height = 250, auction = "second-price" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/campaigns", new
        {
            id = "d-cpm", name = "Distributed", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 3_000_000,
            totalBudgetMicros = 50_000_000, dailyBudgetMicros = 0, pacing = "asap", targeting = new { slots = new[] { "d-slot" } },
            creatives = new[] { new { id = "d-cr", url = "https://cdn.example/d.png", width = 300, height = 250 } },
        })).StatusCode);

        // The gateway learns campaigns and slots from the state topic the silo's grains publish to.
        var won = await EventuallyAsync(async () =>
        {
            var response = await ads.PostAsJsonAsync("/v1/auction", new { slotId = "d-slot" });
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, silo);
        Assert.Equal("d-cpm", won["campaignId"]!.GetValue<string>());
        Assert.True((await ads.GetAsync(won["impressionUrl"]!.GetValue<string>())).IsSuccessStatusCode);
        var charge = won["priceMicros"]!.GetValue<long>() / 1000;

        var bill = await EventuallyAsync(async () =>
        {
            var report = await admin.GetFromJsonAsync<JsonObject>("/v1/reports/billing");
            return report!["total"]!["impressions"]!.GetValue<long>() == 1 ? report : null;
        }, silo);
        Assert.Equal(("d-cpm", "d-cr", charge), (bill["lines"]![0]!["campaignId"]!.GetValue<string>(), bill["lines"]![0]!["creativeId"]!.GetValue<string>(), bill["total"]!["spendMicros"]!.GetValue<long>()));

        var kpi = await EventuallyAsync(async () =>
        {
            var series = await admin.GetFromJsonAsync<JsonObject>("/v1/kpi/campaigns/d-cpm");
            return series!["totals"]!["impressions"]!.GetValue<long>() == 1 ? series : null;
        }, silo);
        Assert.Equal((charge, "Distributed"), (kpi["totals"]!["spendMicros"]!.GetValue<long>(), kpi["dimension"]!["name"]!.GetValue<string>()));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt, ServiceProcess silo)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"no answer within 30 s\n{silo.Output}");
        return null;
    }
}
