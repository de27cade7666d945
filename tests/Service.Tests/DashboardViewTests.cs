using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.Service.Tests;

/// <summary>Saved dashboard views: per API key, validated naming the field, shareable, durable across a restart.</summary>
public sealed class DashboardViewTests
{
    private const string AnalystKey = "views-analyst-key";

    private static EmbeddedServiceFactory Start(string? directory = null) => new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-view-tests",
        DataDirectory = directory,
        DeleteOnDispose = directory is not null,
        Partitions = 2,
        Settings = new Dictionary<string, string> { ["Auth:AnalystKeys"] = AnalystKey },
    });

    private static object View(string name = "Marketing", bool shared = false) =>
        new { name, tiles = new[] { "spendMicros", "roas", "clvMicros" }, charts = new[] { "revenueMicros", "sessions" }, shared };

    [Fact]
    public async Task AViewIsCreatedReplacedListedAndDeletedPerKey()
    {
        await using var service = Start();
        using var admin = service.CreateClient(service.AdminKey);
        using var analyst = service.CreateClient(AnalystKey);

        var created = await admin.PutAsJsonAsync("/v1/dashboard/views/mkt", View());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/dashboard/views/mkt", View("Marketing daily"))).StatusCode);

        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/dashboard/views");
        Assert.Equal("admin#1", list.GetProperty("owner").GetString());
        var view = Assert.Single(list.GetProperty("views").EnumerateArray());
        Assert.Equal(("mkt", "Marketing daily"), (view.GetProperty("id").GetString(), view.GetProperty("name").GetString()));
        Assert.Equal(["spendMicros", "roas", "clvMicros"], view.GetProperty("tiles").EnumerateArray().Select(t => t.GetString()));

        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>("/v1/dashboard/views")).GetProperty("views").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/v1/dashboard/views/mkt")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/dashboard/views/mkt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/dashboard/views/mkt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/v1/dashboard/views/mkt")).StatusCode);
    }

    [Fact]
    public async Task ASharedViewIsReadableByAnotherKeyThroughItsLinkAndAPrivateOneIsNot()
    {
        await using var service = Start();
        using var admin = service.CreateClient(service.AdminKey);
        using var analyst = service.CreateClient(AnalystKey);
        await admin.PutAsJsonAsync("/v1/dashboard/views/team", View("Team", shared: true));
        await admin.PutAsJsonAsync("/v1/dashboard/views/mine", View("Mine"));

        var shared = await analyst.GetFromJsonAsync<JsonElement>("/v1/dashboard/views/shared/admin%231/team");
        Assert.Equal("Team", shared.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/v1/dashboard/views/shared/admin%231/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().GetAsync("/v1/dashboard/views/shared/admin%231/team")).StatusCode);
    }

    [Theory]
    [InlineData("name", """{"name":" ","tiles":["roas"],"charts":["clicks"]}""")]
    [InlineData("tiles", """{"name":"x","tiles":["roas","bogus"],"charts":["clicks"]}""")]
    [InlineData("charts", """{"name":"x","tiles":["roas"],"charts":["clvMicros"]}""")]
    [InlineData("tiles", """{"name":"x","tiles":[],"charts":["clicks"]}""")]
    [InlineData("tiles", """{"name":"x","tiles":["roas","roas"],"charts":["clicks"]}""")]
    [InlineData("charts", """{"name":"x","tiles":["roas"],"charts":["clicks","ctr","cvr","roas","spendMicros","sessions","pageviews"]}""")]
    [InlineData("tiles", """{"name":"x","tiles":["impressions","clicks","conversions","spendMicros","revenueMicros","purchases","newCustomers","pageviews","sessions","bounces","posts","likes","shares","comments","emailsSent","emailOpens","emailClicks","ctr","cvr","cpcMicros","cpmMicros","cpaMicros","roas","cacMicros","bounceRate"],"charts":["clicks"]}""")]
    public async Task BadInputIsAValidationProblemNamingTheField(string field, string body)
    {
        await using var service = Start();
        using var admin = service.CreateClient(service.AdminKey);

        var response = await admin.PutAsync("/v1/dashboard/views/v1", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AKeyKeepsAtMostFiftyViewsAndReplacingOneIsStillAllowed()
    {
        await using var service = Start();
        using var admin = service.CreateClient(service.AdminKey);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/v1/dashboard/views/v{i}", View($"View {i}"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/v1/dashboard/views/v50", View("One too many"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/dashboard/views/v7", View("Renamed"))).StatusCode);
    }

    [Fact]
    public async Task ViewsSurviveARestartOnTheSameDataDirectory()
    {
        string directory;
        await using (var first = Start())
        {
            directory = first.DataDirectory;
            using var admin = first.CreateClient(first.AdminKey);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/v1/dashboard/views/kept", View("Kept", shared: true))).StatusCode);
        }

        await using var restarted = Start(directory);
        using var analyst = restarted.CreateClient(AnalystKey);
        var view = await analyst.GetFromJsonAsync<JsonElement>("/v1/dashboard/views/shared/admin%231/kept");
        Assert.Equal(("Kept", true), (view.GetProperty("name").GetString(), view.GetProperty("shared").GetBoolean()));
    }
}
