using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Grains;
using AdOrleans.Log;

namespace AdOrleans.Service.Tests;

/// <summary><c>POST /v1/cluster/stalls</c>: the incident drill behind the simulator's stalled-partition (docs/simulator.md).</summary>
public sealed class PartitionStallTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AStalledPartitionKeepsItsCheckpointWhileEventsArriveAndIsReadOnceTheStallEnds()
    {
        var admin = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        var stall = await admin.PostAsJsonAsync("/v1/cluster/stalls", new { key = "c-stalled", length = "00:00:04" });
        Assert.Equal(HttpStatusCode.OK, stall.StatusCode);
        var staged = (await stall.Content.ReadFromJsonAsync<JsonNode>())!;
        var partition = staged["partition"]!.GetValue<int>();
        Assert.Equal((Topics.Events, KeyPartitioner.Partition("c-stalled", 4)), (staged["topic"]!.GetValue<string>(), partition));

        // Silos learn stalls once a second: keep sending until the partition's lag shows the stall.
        var sent = 0;
        await Eventually.TrueAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/events", Sample.Event($"s-{sent++}", "c-stalled"))).StatusCode);
            return LagOf(await admin.GetFromJsonAsync<JsonNode>("/v1/cluster"), partition) >= 3;
        }, what: "lag piling up on the stalled partition");

        await Eventually.GetAsync<JsonNode>(admin, "/v1/cluster", c => LagOf(c, partition) == 0);
        await Eventually.GetAsync<JsonNode>(admin, "/v1/events/totals/c-stalled", t => t["events"]!.GetValue<long>() == sent);
    }

    [Fact]
    public async Task AStallNeedsAnAdminKeyAKeyAndALengthOfAtMostAnHour()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey)
            .PostAsJsonAsync("/v1/cluster/stalls", new { key = "c-1", length = "00:00:01" })).StatusCode);
        var response = await _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey).PostAsJsonAsync("/v1/cluster/stalls", new { key = "", length = "02:00:00" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Equal(["key", "length"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    private static long LagOf(JsonNode? cluster, int partition) =>
        cluster!["partitions"]!.AsArray().Where(p => p!["topic"]!.GetValue<string>() == Topics.Events && p["partition"]!.GetValue<int>() == partition)
            .Sum(p => p!["lag"]!.GetValue<long>());
}
