using System.Net;
using System.Net.Http.Json;
using System.Text;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

/// <summary>One known data set (ad events with duplicates, late and too-late events, web, email and social events) fed through a service.</summary>
internal static class KpiDataSet
{
    public static string Range(DateTimeOffset from, DateTimeOffset to) => $"from={Iso(from)}&to={Iso(to)}";

    /// <summary>Creates a campaign through the admin API (its grain then names the KPI dimension).</summary>
    public static async Task CreateCampaignAsync(HttpClient admin, string id, string name)
    {
        using var response = await admin.PostAsJsonAsync("/v1/campaigns", new
        {
            id, name, advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 2_000_000, totalBudgetMicros = 1_000_000_000, pacing = "asap",
            targeting = new { geos = new[] { "US" } },
            creatives = new[] { new { id = "cr-1", url = "https://cdn.example/a.png", width = 300, height = 250 } },
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Loads the data set and waits until it is committed; returns an admin client.</summary>
    public static async Task<HttpClient> LoadAsync(EmbeddedServiceFactory service)
    {
        var admin = service.CreateClient(KpiService.AdminKey);
        await CreateCampaignAsync(admin, "c-a", "Winter sale");
        await service.AppendAsync(
            Ad("e1", "impression", "c-a", "a1", T.AddMinutes(1), 2_000, slot: "s-1", creative: "cr-1", segments: ["sports"]),
            Ad("e2", "impression", "c-a", "a2", T.AddSeconds(90), 3_000, slot: "s-1", creative: "cr-1"),
            Ad("e3", "impression", "c-a", "a1", T.AddMinutes(2), 2_000),
            Ad("e1", "impression", "c-a", "a1", T.AddMinutes(1), 2_000),
            Ad("e4", "click", "c-a", "a1", T.AddMinutes(2), 0),
            Ad("e5", "impression", "c-a", "a3", T.AddMinutes(61), 5_000),
            Ad("b1", "impression", "c-b", "b-a1", T.AddMinutes(10), 9_000, channel: "search"));
        // Posted after the ad events above: by now c-a has seen T+61m, so e6 and e10 are late (restated),
        // e11 is more than the 1 h lateness behind T+63m (too late), and the second e6 is a duplicate.
        // Conversions and purchases that name a campaign without a click's token need a key that vouches for it: admin.
        var client = service.CreateClient(KpiService.AdminKey);
        var posted = await client.PostAsJsonAsync("/v1/events/batch", new
        {
            events = new[]
            {
                Body("e6", "conversion", T.AddMinutes(3), "c-a", user: "u1", value: 10_000_000),
                Body("e7", "purchase", T.AddMinutes(62), "c-a", user: "u1", value: 4_000_000),
                Body("e8", "purchase", T.AddMinutes(63), "c-a", user: "u1", value: 6_000_000),
                Body("e9", "purchase", T.AddMinutes(63), "c-a", user: "u2", value: 1_000_000),
                Body("e6", "conversion", T.AddMinutes(3), "c-a", user: "u1", value: 10_000_000),
                Body("e10", "conversion", T.AddMinutes(4), "c-a", value: 2_000_000),
                Body("e11", "conversion", T.AddMinutes(1), "c-a", value: 3_000_000),
                Body("w1", "session", T.AddMinutes(5), channel: "web", user: "u9"),
                Body("w2", "pageview", T.AddMinutes(5), channel: "web", user: "u9"),
                Body("w3", "session", T.AddMinutes(6), channel: "web", user: "u8"),
                Body("w4", "pageview", T.AddMinutes(6), channel: "web", user: "u8"),
                Body("w5", "pageview", T.AddMinutes(7), channel: "web", user: "u8"),
                Body("w6", "pageview", T.AddMinutes(8), channel: "web", user: "u7"),
                Body("m1", "email_sent", T.AddMinutes(5), channel: "email"), Body("m2", "email_sent", T.AddMinutes(5), channel: "email"),
                Body("m3", "email_sent", T.AddMinutes(5), channel: "email"), Body("m4", "email_sent", T.AddMinutes(5), channel: "email"),
                Body("m5", "email_open", T.AddMinutes(6), channel: "email"), Body("m6", "email_open", T.AddMinutes(6), channel: "email"),
                Body("m7", "email_click", T.AddMinutes(7), channel: "email"),
                Body("p1", "post", T.AddMinutes(5), channel: "social"), Body("p2", "post", T.AddMinutes(5), channel: "social"),
                Body("p3", "post", T.AddMinutes(5), channel: "social"), Body("p4", "post", T.AddMinutes(5), channel: "social"),
                Body("p5", "post", T.AddMinutes(5), channel: "social"), Body("l1", "like", T.AddMinutes(6), channel: "social"),
                Body("l2", "like", T.AddMinutes(6), channel: "social"), Body("l3", "like", T.AddMinutes(6), channel: "social"),
                Body("s1", "share", T.AddMinutes(7), channel: "social"),
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await EventuallyAsync(admin, $"/v1/kpi/summary?{Range(T, T.AddHours(2))}", s =>
            s["totals"]!.L("tooLate") == 1 && s["totals"]!.L("purchases") == 3 && s["totals"]!.L("likes") == 3 && s["totals"]!.L("pageviews") == 4
            && s["totals"]!.L("emailClicks") == 1 && s["totals"]!.L("shares") == 1 && s["totals"]!.L("impressions") == 4);
        return admin;
    }
}
