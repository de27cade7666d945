using System.Net;
using AdOrleans.Silo.Hosting;
using k8s;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Orleans.Runtime;

namespace AdOrleans.Service.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KubernetesHostingTests
{
    private const string Namespace = "adorleans-test";
    private const string PodName = "adorleans-silo-5f7c9-x2k4q";
    private const string ServiceId = "k8s-test";
    private const string ClusterId = "k8s-test-blue";

    [Fact]
    public async Task WithKubernetesOnButNoDownwardApiVariablesTheSiloDoesNotStartAndNamesEachMissingOne()
    {
        await using var service = new EmbeddedServiceFactory(new EmbeddedServiceOptions
        {
            Settings = new Dictionary<string, string> { ["Orleans:Kubernetes"] = "on" },
        });

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient()).ToString();
        foreach (var variable in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" })
        {
            Assert.Contains($"Orleans:Kubernetes is on but the environment variable {variable} is not set", error);
        }

        Assert.Contains("or set Orleans:Kubernetes=off", error);
    }

    [PostgresFact]
    public async Task InAPodTheSiloTakesItsPodsNameAndIpAndOnlyGetsListsAndWatchesPods()
    {
        await using var database = await TestDatabase.CreateAsync("adorleans_k8s_test_");
        var labels = new Dictionary<string, string> { [KubernetesHostingOptions.ServiceIdLabel] = ServiceId, [KubernetesHostingOptions.ClusterIdLabel] = ClusterId };
        await using var api = await FakeKubernetesApi.StartAsync(Namespace, PodName, labels);
        using var pod = new ProcessEnvironment(new Dictionary<string, string>
        {
            ["POD_NAME"] = PodName,
            ["POD_NAMESPACE"] = Namespace,
            // Not Orleans:AdvertisedAddress (127.0.0.1): the silo must advertise the pod's IP.
            ["POD_IP"] = "127.0.0.2",
            ["ORLEANS_SERVICE_ID"] = ServiceId,
            ["ORLEANS_CLUSTER_ID"] = ClusterId,
        });
        var ports = Enumerable.Range(0, 10).Select(_ => FreePort.Pick()).Distinct().Take(2).ToArray();
        await using var embedded = new EmbeddedServiceFactory(new EmbeddedServiceOptions
        {
            PostgresConnectionString = database.ConnectionString,
            Settings = new Dictionary<string, string>
            {
                ["Orleans:ServiceId"] = ServiceId,
                ["Orleans:ClusterId"] = ClusterId,
                ["Orleans:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        await using var service = embedded.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.Configure<KubernetesHostingOptions>(o => o.GetClientConfiguration = () => new KubernetesClientConfiguration { Host = api.Url })));

        var client = service.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/readyz 200");
        var silo = service.Services.GetRequiredService<ILocalSiloDetails>();
        Assert.Equal(PodName, silo.Name);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), silo.SiloAddress.Endpoint.Address);
        Assert.Equal((ServiceId, ClusterId), (service.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, service.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));

        // The watcher starts once membership names this silo one of the first MaxAgents Active silos.
        await Eventually.TrueAsync(() => Task.FromResult(api.Calls.Any(c => c.Verb == "watch")), TimeSpan.FromSeconds(30), "a watch on the pods");
        var calls = api.Calls;
        Assert.All(calls, c => Assert.Contains(c.Verb, new[] { "get", "list", "watch" }));
        Assert.Equal(PodName, Assert.Single(calls, c => c.Verb == "get").Pod);
        Assert.All(calls.Where(c => c.Verb is "list" or "watch"), c => Assert.Equal($"orleans/serviceId={ServiceId},orleans/clusterId={ClusterId}", c.LabelSelector));
    }
}
