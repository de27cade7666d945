using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class LakeQueryTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = Create(settings: new Dictionary<string, string> { ["Lake:MaxQueryRows"] = "5000" });

    public async Task InitializeAsync()
    {
        await _service.PostEventsAsync(Enumerable.Range(0, 40).Select(i => Event($"q{i}", i % 4 == 0 ? "purchase" : "pageview", T.AddMinutes(i), i % 2 == 0 ? "web" : "email", value: i % 4 == 0 ? 10 : 0)));
        await _service.ArchivedAsync(40);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<HttpResponseMessage> QueryAsync(object body, string key = AnalystKey) =>
        await _service.CreateClient(key).PostAsJsonAsync("/v1/lake/query", body);

    [Fact]
    public async Task AnAnalystsSelectReturnsTypedColumnsAndRowsFromTheLake()
    {
        var response = await QueryAsync(new { sql = "SELECT channel, count(*) AS events, sum(value_micros) AS revenue FROM events GROUP BY channel ORDER BY channel" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["channel", "events", "revenue"], result["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("VARCHAR", result["columns"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("""[["email",20,0],["web",20,100]]""", result["rows"]!.ToJsonString());
        Assert.False(result["truncated"]!.GetValue<bool>());
        Assert.True(result["elapsedMs"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task AWithQueryOverTheHivePartitionColumnsIsAllowed()
    {
        var response = await QueryAsync(new { sql = "-- daily\nWITH d AS (SELECT date, channel FROM events) SELECT count(DISTINCT date) AS days FROM d" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[[1]]", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rows"]!.ToJsonString());
    }

    [Fact]
    public async Task RowsBeyondMaxRowsAreCutAndTheAnswerSaysSo()
    {
        var response = await QueryAsync(new { sql = "SELECT event_id FROM events ORDER BY log_offset", maxRows = 7 });
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(7, result["rows"]!.AsArray().Count);
        Assert.True(result["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("COPY (SELECT * FROM events) TO '/tmp/out.csv'", "COPY")]
    [InlineData("CREATE TABLE t AS SELECT 1", "CREATE")]
    [InlineData("ATTACH '/tmp/x.db' AS x", "ATTACH")]
    [InlineData("PRAGMA enable_profiling", "PRAGMA")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("INSERT INTO events VALUES (1)", "INSERT")]
    [InlineData("SELECT 1; DROP VIEW events", "another statement")]
    public async Task StatementsThatAreNotASingleQueryAreRefusedWithTheReason(string sql, string named)
    {
        var response = await QueryAsync(new { sql });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryCannotReadFilesOutsideTheLake()
    {
        var response = await QueryAsync(new { sql = "SELECT * FROM read_csv('/etc/passwd')" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryCannotSmuggleAWriteThroughTheQueryTableFunction()
    {
        var target = Path.Combine(_service.Root(), "smuggled.csv");
        var response = await QueryAsync(new { sql = $"SELECT * FROM query('COPY (SELECT 1) TO ''{target}''')" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task AQueryThatRunsPastItsTimeoutIsInterruptedWith408()
    {
        var response = await QueryAsync(new { sql = "SELECT count(*) FROM range(10000000000) a, range(100) b WHERE a.range * b.range % 7 = 3", timeoutSeconds = 1 });
        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("Query timed out.", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task LimitsOutsideTheConfiguredBoundsAreAValidationProblem()
    {
        var response = await QueryAsync(new { sql = "SELECT 1", maxRows = 5001, timeoutSeconds = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["maxRows", "timeoutSeconds"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task AClientKeyCannotQueryTheLake()
    {
        var response = await QueryAsync(new { sql = "SELECT 1" }, ClientKey);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
