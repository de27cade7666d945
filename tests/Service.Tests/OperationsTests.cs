using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

public sealed class OperationsTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task HealthzAnswers200WhileTheProcessServes()
    {
        var response = await _service.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadyzAnswers200OnceTheSiloIsActiveAndReadsEveryQueueAlone()
    {
        var response = await _service.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, bool>>();
        Assert.True(body!["ready"]);
        Assert.True(body["siloActive"]);
        Assert.True(body["partitionsLoaded"]);
        Assert.True(body["clusterClientConnected"]);
        var queues = _service.Services.GetRequiredService<AdOrleans.Streaming.LogQueueStatuses>().All;
        Assert.Equal(2 * 4, queues.Count(q => q.Owned));
    }

    [Fact]
    public async Task MetricsAreInPrometheusTextFormatWithGrainPartitionAndOrleansSeries()
    {
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        await client.PostAsJsonAsync("/v1/events", Sample.Event("m-1", "c-metrics"));
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/metrics");
            Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("adorleans_partition_end_offset{partition=\"0\",topic=\"events\"}", StringComparison.Ordinal)
                && text.Contains("# TYPE adorleans_grain_delivery_duration histogram", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "partition and grain series in /metrics");

        Assert.Contains("# TYPE adorleans_partition_lag gauge", text);
        Assert.Contains("# TYPE adorleans_stream_dead_letters gauge", text);
        Assert.Contains("microsoft_orleans_", text);
    }

    [Fact]
    public async Task EverySeriesTheGrafanaDashboardMayReadFromOrleansAndDotNetIsExported()
    {
        var catalog = Path.Combine(RepositoryRoot(), "tests", "Deploy", "exported-metrics.txt");
        var names = File.ReadAllLines(catalog).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(names);
        var client = _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey);
        await client.PostAsJsonAsync("/v1/events", Sample.Event("m-2", "c-grafana"));
        // Some series appear only once something happened (a request, a stream delivery): poll, then name what is missing.
        var missing = names;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); missing.Count > 0 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var text = await client.GetStringAsync("/metrics");
            missing = [.. names.Where(n => !text.Contains($"# TYPE {n} ", StringComparison.Ordinal))];
        }

        Assert.Empty(missing);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AdOrleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no AdOrleans.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public async Task TheOrleansDashboardNeedsTheAdminKeyWhichTheBrowserSendsAsACookieScopedToIt()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.CreateClient().GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey).GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey).GetAsync("/orleans/")).StatusCode);

        var browser = _service.CreateClient();
        browser.DefaultRequestHeaders.Add("Cookie", $"adorleans_key={EmbeddedServiceFactory.DefaultAdminKey}");
        var page = await browser.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/v1/cluster")).StatusCode);
    }

    [Fact]
    public async Task TheOrleansDashboardServesItsScriptAndSendsItsBarePathToTheTrailingSlashOnceMappedAtTheFirstVisit()
    {
        var admin = _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey, new() { AllowAutoRedirect = false });

        var bare = await admin.GetAsync("/orleans");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/orleans/", bare.Headers.Location!.OriginalString);

        var script = await admin.GetAsync("/orleans/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType!.ToString());
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);

        var missing = await admin.GetAsync("/orleans/no-such-file");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.CreateClient().GetAsync("/orleans/index.min.js")).StatusCode);
    }

    [Fact]
    public async Task TheClusterViewNeedsAnAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.CreateClient().GetAsync("/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.CreateClient(EmbeddedServiceFactory.DefaultClientKey).GetAsync("/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey).GetAsync("/v1/cluster")).StatusCode);
    }
}
