using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdOrleans.Silo.Operations.History;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

public sealed class DashboardTests : IAsyncLifetime
{
    // The lake's archivers hold a partition's checkpoint while they buffer (docs/lake.md): flushing at once keeps the
    // commit of these few events inside one sampling interval of the cluster history.
    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions { Settings = new Dictionary<string, string> { ["Lake:FlushInterval"] = "00:00:00.100" } });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task RootServesTheDashboardWithoutAKeyAndItsScriptsFromTheAssembly()
    {
        var client = _service.CreateClient();
        var page = await client.GetAsync("/");
        var script = await client.GetAsync("/dashboard/js/app.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/dashboard/js/app.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task FeaturesReportTheClusterApisThisBuildMaps()
    {
        var features = await _service.CreateClient().GetFromJsonAsync<JsonElement>("/dashboard/features");

        Assert.True(features.GetProperty("cluster").GetBoolean());
        Assert.True(features.GetProperty("clusterHistory").GetBoolean());
        Assert.True(features.GetProperty("attribution").GetBoolean());
        Assert.True(features.GetProperty("budgetApply").GetBoolean());
        Assert.True(features.GetProperty("audiences").GetBoolean());
    }

    [Fact]
    public async Task ClusterHistoryNeedsTheAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.CreateClient().GetAsync("/v1/cluster/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey).GetAsync("/v1/cluster/history")).StatusCode);
    }

    [Fact]
    public async Task ClusterHistoryRecordsLogThroughputAndTurnsOfTheIntervalInWhichEventsArrived()
    {
        var history = _service.Services.GetRequiredService<ClusterHistory>();
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        await history.SampleAsync(CancellationToken.None);
        var before = history.Snapshot().Samples[^1].At;
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/v1/events", Sample.Event($"h-{i}", "c-history"));
        }

        await Eventually.GetAsync<JsonElement>(_service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey), "/v1/cluster",
            c => c.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("committedOffset").GetInt64()) >= 5);
        await history.SampleAsync(CancellationToken.None);

        // The history's own timer may sample in between: the intervals since the first sample together hold the events.
        var since = history.Snapshot(before).Samples;
        var appended = since.Sum(s => s.LogRecordsPerSecond * s.IntervalSeconds);
        Assert.True(appended >= 5 - 1e-6, $"appended in the intervals: {appended}");
        Assert.Contains(since.SelectMany(s => s.Grains), g => g.TurnsPerSecond > 0);
    }

    [Fact]
    public void IntervalPercentilesComeFromBucketDeltasAndAreNullWithoutTurns()
    {
        double[] bounds = [1, 2, 4, 8];

        Assert.Equal(2, ClusterCounters.Percentile([0, 10, 0, 0], bounds, 0.5));
        Assert.Equal(8, ClusterCounters.Percentile([98, 0, 0, 2], bounds, 0.99));
        Assert.Null(ClusterCounters.Percentile([0, 0, 0, 0], bounds, 0.99));
    }
}
