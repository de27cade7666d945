using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Service.Tests;

public sealed class OperationsTests : IAsyncLifetime
{
    private readonly ServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task HealthzAnswers200WhileTheProcessServes()
    {
        var response = await _service.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadyzAnswers200OnceLogStoreAndPartitionsAreLoaded()
    {
        var response = await _service.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, bool>>();
        Assert.True(body!["ready"]);
        Assert.True(body["partitionsLoaded"]);
    }

    [Fact]
    public async Task MetricsAreInPrometheusTextFormatWithGrainAndPartitionSeries()
    {
        var client = _service.CreateClient(ServiceFactory.ClientKey);
        await client.PostAsJsonAsync("/v1/events", Sample.Event("m-1", "c-metrics"));
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE adorleans_partition_lag gauge", text);
        Assert.Contains("adorleans_partition_end_offset{topic=\"events\",partition=\"0\"}", text);
        Assert.Contains("# TYPE adorleans_grain_turn_seconds histogram", text);
    }

    [Fact]
    public async Task TheClusterViewNeedsAnAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.CreateClient().GetAsync("/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(ServiceFactory.ClientKey).GetAsync("/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.CreateClient(ServiceFactory.AdminKey).GetAsync("/v1/cluster")).StatusCode);
    }
}
