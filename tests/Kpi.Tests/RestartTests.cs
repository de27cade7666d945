using System.Net;
using System.Net.Http.Json;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task RollupsSurviveARestartAndNewEventsAddToThemExactlyOnce()
    {
        var path = $"/v1/kpi/campaigns/c-r?from={Iso(T)}&to={Iso(T.AddHours(1))}&granularity=minute";
        string directory;
        await using (var first = KpiService.Create(deleteOnDispose: false))
        {
            directory = first.DataDirectory;
            // Purchases that name a campaign without a click's token need a key that vouches for it: admin.
            var posted = await first.CreateClient(KpiService.AdminKey).PostAsJsonAsync("/v1/events/batch", new
            {
                events = new[] { Body("r1", "purchase", T.AddMinutes(5), "c-r", user: "u1", value: 3), Body("r2", "purchase", T.AddMinutes(6), "c-r", user: "u2", value: 4) },
            });
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            await EventuallyAsync(first.CreateClient(KpiService.AdminKey), path, s => s["totals"]!.L("purchases") == 2);
        }

        await using var second = KpiService.Create(directory);
        var admin = second.CreateClient(KpiService.AdminKey);
        var after = await GetAsync(admin, path);
        Assert.Equal((2L, 7L, 2L), (after["totals"]!.L("purchases"), after["totals"]!.L("revenueMicros"), after["totals"]!.L("newCustomers")));

        var more = await second.CreateClient(KpiService.AdminKey).PostAsJsonAsync("/v1/events", Body("r3", "purchase", T.AddMinutes(7), "c-r", user: "u1", value: 5));
        Assert.Equal(HttpStatusCode.Accepted, more.StatusCode);
        var final = await EventuallyAsync(admin, path, s => s["totals"]!.L("purchases") == 3);
        Assert.Equal((12L, 2L), (final["totals"]!.L("revenueMicros"), final["totals"]!.L("newCustomers")));
        Assert.Equal(3, final["points"]!.AsArray().Count);
    }
}
