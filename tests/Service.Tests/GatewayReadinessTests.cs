using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AdOrleans.Silo.Hosting;

namespace AdOrleans.Service.Tests;

public sealed class GatewayReadinessTests
{
    [Fact]
    public async Task AGatewayOnlyProcessIsReadyOnlyOnceItsOrleansClientReachesASilo()
    {
        var ports = Enumerable.Range(0, 10).Select(_ => FreePort.Pick()).Distinct().Take(2).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();
        await using var gateway = new EmbeddedServiceFactory(new EmbeddedServiceOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Roles"] = "gateway",
                ["Orleans:GatewayPort"] = ports[1],
                ["Orleans:ClientConnectTimeout"] = "00:00:00",
            },
        });
        var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var before = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        var body = await before.Content.ReadFromJsonAsync<Dictionary<string, bool>>();
        Assert.False(body!["clusterClientConnected"]);
        Assert.True(body["log"]);

        await using var silo = new EmbeddedServiceFactory(new EmbeddedServiceOptions
        {
            Settings = new Dictionary<string, string> { ["Roles"] = "silo", ["Orleans:SiloPort"] = ports[0], ["Orleans:GatewayPort"] = ports[1] },
        });
        silo.CreateClient();

        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the gateway's /readyz 200");
    }
}
