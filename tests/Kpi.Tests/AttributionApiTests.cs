using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

/// <summary>Journeys posted through the gateway, credited live by every model, read back over HTTP.</summary>
public sealed class AttributionApiTests
{
    private const string AnalystKey = "attribution-analyst-key-0001";

    private static EmbeddedServiceFactory Start(string? postgres) => new(new EmbeddedServiceOptions
    {
        AdminKey = KpiService.AdminKey,
        ClientKey = KpiService.ClientKey,
        TempFolder = "adorleans-attribution-tests",
        PostgresConnectionString = postgres,
        Settings = new Dictionary<string, string> { ["Auth:AnalystKeys"] = AnalystKey },
    });

    /// <summary>
    /// u1: web → email → social → 9 € conversion; u2: email → 3 € conversion; u3: social, no conversion. Markov by
    /// hand: P(conv) = 2/3; removal effects web 3/8, email 3/4, social 1/2, so the 2 conversions split 6/13, 12/13, 8/13.
    /// </summary>
    private static async Task PostJourneysAsync(EmbeddedServiceFactory service)
    {
        var posted = await service.CreateClient(KpiService.ClientKey).PostAsJsonAsync("/v1/events/batch", new
        {
            events = new[]
            {
                Body("j1", "pageview", T.AddMinutes(1), channel: "web", user: "u1"),
                Body("j2", "email_click", T.AddMinutes(2), channel: "email", user: "u1"),
                Body("j3", "like", T.AddMinutes(3), channel: "social", user: "u1"),
                Body("j4", "conversion", T.AddMinutes(10), channel: "web", user: "u1", value: 9_000_000),
                Body("j5", "email_open", T.AddMinutes(4), channel: "email", user: "u2"),
                Body("j6", "conversion", T.AddMinutes(11), channel: "web", user: "u2", value: 3_000_000),
                Body("j7", "share", T.AddMinutes(5), channel: "social", user: "u3"),
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    private static string Window => $"from={Iso(T)}&to={Iso(T.AddHours(2))}";

    private static Dictionary<string, decimal> Channels(JsonNode report) =>
        report["channels"]!.AsArray().ToDictionary(c => c!["channel"]!.GetValue<string>(), c => c!["conversions"]!.GetValue<decimal>());

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task EveryModelCreditsThePostedJourneysAndItsChannelCreditsSumToTheConversions(string store)
    {
        await using var database = store == KpiWorld.Postgres ? await TestDatabase.CreateAsync(KpiService.DatabasePrefix) : null;
        await using var service = Start(database?.ConnectionString);
        await PostJourneysAsync(service);
        var analyst = service.CreateClient(AnalystKey);

        var markov = await EventuallyAsync(analyst, $"/v1/attribution?{Window}&model=markov", r => r["conversions"]!.GetValue<decimal>() == 2 && r["channels"]!.AsArray().Count == 3);
        var lastClick = await EventuallyAsync(analyst, $"/v1/attribution?{Window}&model=last-click", r => r["conversions"]!.GetValue<decimal>() == 2);

        Assert.Equal(12_000_000L, lastClick.L("revenueMicros"));
        Assert.Equal(new Dictionary<string, decimal> { ["social"] = 1, ["email"] = 1 }, Channels(lastClick));
        var linear = Channels(await GetAsync(analyst, $"/v1/attribution?{Window}&model=linear"));
        Assert.Equal((1.333333333m, 0.333333334m, 0.333333333m), (linear["email"], linear["web"], linear["social"]));
        var credits = Channels(markov);
        Assert.Equal(["email", "social", "web"], credits.Keys);
        Assert.Equal(12 / 13.0, (double)credits["email"], 8);

        var compare = await GetAsync(analyst, $"/v1/attribution/compare?{Window}");
        var models = compare["models"]!.AsArray();
        Assert.Equal(["last-click", "first-click", "linear", "time-decay", "position-based", "markov"], models.Select(m => m!["model"]!.GetValue<string>()));
        Assert.All(models, m =>
        {
            Assert.Equal(2m, m!["conversions"]!.GetValue<decimal>());
            Assert.Equal(2m, Channels(m).Values.Sum());
            Assert.Equal(12_000_000L, m["channels"]!.AsArray().Sum(c => c!.L("revenueMicros")));
        });
    }

    [Fact]
    public async Task AnUnknownModelOrABadTimeIsABadRequestNamingTheParameterAndClientKeysMayNotRead()
    {
        await using var service = Start(null);
        var admin = service.CreateClient(KpiService.AdminKey);

        var model = await admin.GetAsync("/v1/attribution?model=u-shaped");
        Assert.Equal(HttpStatusCode.BadRequest, model.StatusCode);
        Assert.NotNull((await model.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["model"]);
        var from = await admin.GetAsync("/v1/attribution/compare?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, from.StatusCode);
        Assert.NotNull((await from.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["from"]);
        var reversed = await admin.GetAsync($"/v1/attribution?from={Iso(T.AddHours(1))}&to={Iso(T)}");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(KpiService.ClientKey).GetAsync("/v1/attribution")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/attribution")).StatusCode);
    }
}
