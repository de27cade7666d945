using System.Net;
using System.Net.Http.Json;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

public sealed class KpiStreamTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = KpiService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task PostAsync(string eventId, string campaign, long value)
    {
        // A conversion that names a campaign without a click's token needs a key that vouches for it: admin.
        var response = await _service.CreateClient(KpiService.AdminKey).PostAsJsonAsync("/v1/events", Body(eventId, "conversion", T.AddMinutes(30), campaign, value: value));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static bool DayBucketOf(SseReader.Frame f, string campaign, long conversions) =>
        f.Event == "kpi" && f.Data!["dimensionId"]!.GetValue<string>() == campaign && f.Data["granularity"]!.GetValue<string>() == "day"
        && f.Data["values"]!.L("conversions") == conversions;

    [Fact]
    public async Task ACommittedChangeIsPushedAndAReconnectWithLastEventIdResumesWithoutAGap()
    {
        var admin = _service.CreateClient(KpiService.AdminKey);
        string lastId;
        await using (var stream = await SseReader.OpenAsync(admin, "/v1/kpi/stream?campaign=c-s"))
        {
            await PostAsync("x1", "c-s", 1_000);
            var seen = new List<SseReader.Frame>();
            var first = await stream.ReadUntilAsync(f => DayBucketOf(f, "c-s", 1), seen);
            Assert.Equal(1_000, first.Data!["values"]!.L("revenueMicros"));
            Assert.All(seen.Where(f => f.Event == "kpi"), f => Assert.Equal("campaign", f.Data!["dimension"]!.GetValue<string>()));
            lastId = first.Id!;
        }

        await PostAsync("x2", "c-s", 2_000);
        await EventuallyAsync(admin, $"/v1/kpi/campaigns/c-s?{$"from={Iso(T)}&to={Iso(T.AddHours(1))}"}", s => s["totals"]!.L("conversions") == 2);

        await using var resumed = await SseReader.OpenAsync(admin, "/v1/kpi/stream?campaign=c-s", lastId);
        var missed = await resumed.ReadUntilAsync(f => DayBucketOf(f, "c-s", 2));
        Assert.Equal(3_000, missed.Data!["values"]!.L("revenueMicros"));
        Assert.True(long.Parse(missed.Id!) > long.Parse(lastId));
    }

    [Fact]
    public async Task AnIdTheServerNoLongerHoldsGetsAResetEvent()
    {
        await using var stream = await SseReader.OpenAsync(_service.CreateClient(KpiService.AdminKey), "/v1/kpi/stream", "1");

        var reset = await stream.ReadUntilAsync(f => f.Event != "kpi");
        Assert.Equal("reset", reset.Event);
    }

    [Fact]
    public async Task AChannelFilterOnlyPassesThatChannelsChanges()
    {
        await using var stream = await SseReader.OpenAsync(_service.CreateClient(KpiService.AdminKey), "/v1/kpi/stream?channel=search&granularity=hour");
        await PostAsync("y1", "c-display", 5);
        var response = await _service.CreateClient(KpiService.AdminKey).PostAsJsonAsync("/v1/events", Body("y2", "conversion", T.AddMinutes(30), "c-search", channel: "search", value: 7));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var seen = new List<SseReader.Frame>();
        await stream.ReadUntilAsync(f => f.Event == "kpi" && f.Data!["values"]!.L("revenueMicros") == 7, seen);
        Assert.All(seen, f => Assert.Equal(("channel", "search", "hour"),
            (f.Data!["dimension"]!.GetValue<string>(), f.Data["dimensionId"]!.GetValue<string>(), f.Data["granularity"]!.GetValue<string>())));
    }
}
