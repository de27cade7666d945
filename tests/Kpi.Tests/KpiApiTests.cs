using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiDataSet;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

/// <summary>One known data set fed through the service, then every KPI asserted per window and dimension.</summary>
public sealed class KpiApiTests
{
    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task EveryKpiOfACampaignIsExactPerHourWithDuplicatesLateAndTooLateEventsHandled(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var series = await GetAsync(admin, $"/v1/kpi/campaigns/c-a?{Range(T, T.AddHours(2))}&granularity=hour");

        var points = series["points"]!.AsArray();
        Assert.Equal(2, points.Count);
        var first = points[0]!;
        Assert.Equal(T, first["bucketStart"]!.GetValue<DateTimeOffset>());
        Assert.Equal((2L, 1L, 2L, 5_000L, 12_000_000L, 2L, 0L), (first.L("impressions"), first.L("clicks"), first.L("conversions"), first.L("spendMicros"), first.L("revenueMicros"), first.L("restated"), first.L("tooLate")));
        Assert.Equal((0.5, 2.0, 2400.0), (first.D("ctr"), first.D("cvr"), first.D("roas")));
        Assert.Equal((5_000L, 2_500_000L, 2_500L), (first.L("cpcMicros"), first.L("cpmMicros"), first.L("cpaMicros")));

        var second = points[1]!;
        Assert.Equal((1L, 0L, 0L, 5_000L, 11_000_000L, 3L, 2L, 1L), (second.L("impressions"), second.L("clicks"), second.L("conversions"), second.L("spendMicros"), second.L("revenueMicros"), second.L("purchases"), second.L("newCustomers"), second.L("tooLate")));
        Assert.Equal(0.0, second.D("ctr"));
        Assert.Equal(2_500L, second.L("cacMicros"));
        Assert.Null(second.D("cvr"));
        Assert.Null(second["cpcMicros"]);
        Assert.Null(second["cpaMicros"]);
        Assert.Contains("\"cpcMicros\":null", series.ToJsonString());

        var totals = series["totals"]!;
        Assert.Equal((3L, 10_000L, 23_000_000L), (totals.L("impressions"), totals.L("spendMicros"), totals.L("revenueMicros")));
        Assert.Equal((2L, 11_000_000L, 5_500_000L), (series["lifetime"]!.L("customers"), series["lifetime"]!.L("purchaseRevenueMicros"), series["lifetime"]!.L("clvMicros")));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task MinuteWindowsAndSlotCreativeAndSegmentDimensionsCountTheSameEvents(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var minutes = await GetAsync(admin, $"/v1/kpi/campaigns/c-a?{Range(T, T.AddMinutes(5))}&granularity=minute");
        var byMinute = minutes["points"]!.AsArray().ToDictionary(p => p!["bucketStart"]!.GetValue<DateTimeOffset>(), p => p!);
        Assert.Equal((2L, 5_000L), (byMinute[T.AddMinutes(1)].L("impressions"), byMinute[T.AddMinutes(1)].L("spendMicros")));
        Assert.Equal(1L, byMinute[T.AddMinutes(2)].L("clicks"));
        Assert.Equal((1L, 1L), (byMinute[T.AddMinutes(3)].L("conversions"), byMinute[T.AddMinutes(3)].L("restated")));
        Assert.Equal((1L, 1L), (byMinute[T.AddMinutes(4)].L("conversions"), byMinute[T.AddMinutes(4)].L("restated")));

        var slot = await GetAsync(admin, $"/v1/kpi/slots/s-1?{Range(T, T.AddHours(2))}");
        Assert.Equal((2L, 5_000L), (slot["totals"]!.L("impressions"), slot["totals"]!.L("spendMicros")));
        var creative = await GetAsync(admin, $"/v1/kpi/creatives/cr-1?{Range(T, T.AddHours(2))}");
        Assert.Equal(2L, creative["totals"]!.L("impressions"));
        var segment = await GetAsync(admin, $"/v1/kpi/segments/sports?{Range(T, T.AddHours(2))}");
        Assert.Equal((1L, 2_000L), (segment["totals"]!.L("impressions"), segment["totals"]!.L("spendMicros")));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task ChannelSeriesCarryWebEmailAndSocialRatesAndNullWhereNothingWasCounted(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var channels = await GetAsync(admin, $"/v1/kpi/channels?{Range(T, T.AddHours(2))}&granularity=hour");
        var byId = channels["channels"]!.AsArray().ToDictionary(c => c!["dimension"]!["id"]!.GetValue<string>(), c => c!["totals"]!);
        Assert.Equal(["display", "email", "search", "social", "web"], byId.Keys.Order());

        Assert.Equal((4L, 2L, 1L, 0.5), (byId["web"].L("pageviews"), byId["web"].L("sessions"), byId["web"].L("bounces"), byId["web"].D("bounceRate")));
        Assert.Equal((0.5, 0.5), (byId["email"].D("openRate"), byId["email"].D("clickToOpenRate")));
        Assert.Equal((5L, 0.8), (byId["social"].L("posts"), byId["social"].D("engagementRate")));
        Assert.Null(byId["email"].D("ctr"));
        Assert.Null(byId["social"].D("openRate"));
        Assert.Equal((3L, 10_000L), (byId["display"].L("impressions"), byId["display"].L("spendMicros")));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task SummaryAndComparePreviousReportTheEarlierPeriodOfEqualLength(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var series = await GetAsync(admin, $"/v1/kpi/campaigns/c-a?{Range(T.AddHours(1), T.AddHours(2))}&granularity=hour&compare=previous");
        Assert.Equal(T, series["previous"]!["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal((2L, 12_000_000L), (series["previous"]!["totals"]!.L("impressions"), series["previous"]!["totals"]!.L("revenueMicros")));
        Assert.Equal(1L, series["totals"]!.L("impressions"));

        var summary = await GetAsync(admin, $"/v1/kpi/summary?{Range(T.AddHours(1), T.AddHours(2))}&compare=previous");
        Assert.Equal((1L, 3L), (summary["totals"]!.L("impressions"), summary["totals"]!.L("purchases")));
        var previous = summary["previous"]!["totals"]!;
        Assert.Equal((3L, 14_000L, 5L, 4L), (previous.L("impressions"), previous.L("spendMicros"), previous.L("posts"), previous.L("pageviews")));
        Assert.Equal(9_000L, summary["previous"]!["byChannel"]!["search"]!.L("spendMicros"));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task TheSummarysRoasIsAdAttributedRevenueOverSpendNotWebPurchasesWithoutACampaign(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);
        var posted = await admin.PostAsJsonAsync("/v1/events/batch", new { events = new[] { Body("web-buy", "purchase", T.AddMinutes(20), channel: "web", user: "u5", value: 90_000_000) } });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var totals = (await EventuallyAsync(admin, $"/v1/kpi/summary?{Range(T, T.AddHours(2))}", s => s["totals"]!.L("purchases") == 4))["totals"]!;

        // c-a's 23 units are the only revenue that came with a campaign; the web purchase's 90 did not come from the 19,000 µ of ads
        Assert.Equal((113_000_000L, 23_000_000L, 19_000L), (totals.L("revenueMicros"), totals.L("adRevenueMicros"), totals.L("spendMicros")));
        Assert.Equal(23_000_000.0 / 19_000, totals.D("roas"));
        var web = await GetAsync(admin, $"/v1/kpi/summary?{Range(T, T.AddHours(2))}");
        Assert.Null(web["byChannel"]!["web"]!["roas"]);
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task ASummaryWhoseEndsFallInsideAMinuteCountsTheMinutesThatStartInIt(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var summary = await GetAsync(admin, $"/v1/kpi/summary?{Range(T.AddHours(1).AddSeconds(-17), T.AddHours(2).AddSeconds(-13))}");
        Assert.Equal((1L, 3L), (summary["totals"]!.L("impressions"), summary["totals"]!.L("purchases")));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task TopRanksCampaignsByAnyKpiWithNullsLastAndJoinsCampaignNames(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        var bySpend = await GetAsync(admin, $"/v1/kpi/top?by=spend&n=5&{Range(T, T.AddHours(2))}");
        var items = bySpend["items"]!.AsArray();
        Assert.Equal(["c-a", "c-b"], items.Select(i => i!["item"]!["id"]!.GetValue<string>()));
        Assert.Equal(("Winter sale", "acme"), (items[0]!["item"]!["name"]!.GetValue<string>(), items[0]!["item"]!["attributes"]!["advertiser"]!.GetValue<string>()));
        Assert.Equal(10_000.0, items[0]!["value"]!.GetValue<double>());

        var byCpa = await GetAsync(admin, $"/v1/kpi/top?by=cpaMicros&order=asc&n=1&{Range(T, T.AddHours(2))}");
        Assert.Equal("c-a", byCpa["items"]![0]!["item"]!["id"]!.GetValue<string>());
        var byCtr = await GetAsync(admin, $"/v1/kpi/top?by=ctr&order=asc&{Range(T, T.AddHours(2))}");
        Assert.Equal(["c-b", "c-a"], byCtr["items"]!.AsArray().Select(i => i!["item"]!["id"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(KpiWorld.Stores), MemberType = typeof(KpiWorld))]
    public async Task ACampaignNamedOnlyByItsStateAnswersAndAnUnknownOneIs404(string store)
    {
        await using var world = await KpiWorld.StartAsync(store);
        var admin = await KpiDataSet.LoadAsync(world.Service);

        await KpiDataSet.CreateCampaignAsync(admin, "c-new", "Fresh");
        var fresh = await GetAsync(admin, "/v1/kpi/campaigns/c-new");
        Assert.Equal("Fresh", fresh["dimension"]!["name"]!.GetValue<string>());
        Assert.Empty(fresh["points"]!.AsArray());

        var unknown = await admin.GetAsync("/v1/kpi/campaigns/c-nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/v1/kpi/campaigns/c-a?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    [InlineData("/v1/kpi/campaigns/c-a?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=minute", "granularity")]
    [InlineData("/v1/kpi/campaigns/c-a?granularity=week", "granularity")]
    [InlineData("/v1/kpi/channels?from=yesterday", "from")]
    [InlineData("/v1/kpi/summary?to=1800-01-01T00:00:00Z", "to")]
    [InlineData("/v1/kpi/summary?compare=next", "compare")]
    [InlineData("/v1/kpi/top?by=happiness", "by")]
    [InlineData("/v1/kpi/top?by=ctr&n=0", "n")]
    [InlineData("/v1/kpi/stream?granularity=second", "granularity")]
    public async Task BadInputIsA400ProblemNamingTheField(string path, string field)
    {
        await using var service = KpiService.Create();
        var response = await service.CreateClient(KpiService.AdminKey).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task KpisNeedTheAdminKey()
    {
        await using var service = KpiService.Create();
        var response = await service.CreateClient(KpiService.ClientKey).GetAsync("/v1/kpi/summary");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
