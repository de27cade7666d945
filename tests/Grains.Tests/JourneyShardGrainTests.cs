using AdOrleans.Grains.Attribution;
using AdOrleans.Persistence.Sqlite.Attribution;

namespace AdOrleans.Grains.Tests;

/// <summary>A journey counts each event once however often the aggregators deliver it (retries, replays after a deactivation).</summary>
public sealed class JourneyShardGrainTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_retried_or_replayed_call_after_a_deactivation_credits_the_conversion_once()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var journey = running.Client.GetGrain<IJourneyShardGrain>(IJourneyShardGrain.KeyOf("u-once", StoreServices.Partitions));
        JourneyEvent[] events =
        [
            new(0, 10, Event("j-1", "email_click", "email", At, 0)),
            new(1, 20, Event("j-2", "purchase", "web", At.AddMinutes(5), 4_000_000)),
        ];

        await journey.TrackAsync(events);
        await journey.TrackAsync(events);
        await running.Cluster.DeactivateAsync(journey);
        await journey.TrackAsync([events[1], events[0]]);

        // A client retry the receiver missed (same eventId at a new offset) is skipped: the eventId is among the journey's items.
        await journey.TrackAsync([events[1] with { Offset = 21 }]);

        var data = await new SqliteAttributionSource(running.Store.Store).ReadAsync(At.AddHours(-1), At.AddHours(1), CancellationToken.None);
        foreach (var model in AttributionModels.RuleBased)
        {
            var credit = Assert.Single(data.Credits, c => c.Model == model);
            Assert.Equal(("email", Apportion.Unit, 4_000_000L), (credit.Channel, credit.NanoConversions, credit.RevenueMicros));
        }

        var path = Assert.Single(data.Paths);
        Assert.Equal(["email"], path.Channels);
        Assert.Equal((1L, 0L), (path.Conversions, path.Nulls));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_new_activation_rebuilds_the_journeys_from_the_log_when_the_silo_died_between_snapshots()
    {
        // No snapshot within the test: the touchpoint reaches the journey rows only through the log replay.
        var settings = new Dictionary<string, string?> { ["Attribution:SnapshotSeconds"] = "3600" };
        var touch = Event("r-1", "email_click", "email", DateTimeOffset.UtcNow, 0) with { UserId = "u-replay" };
        await using (var first = await Running.StartAsync(_data.Directory, settings: settings))
        {
            await Events.AppendAsync(first.Store.Log, [touch]);
            await Eventually.HoldsAsync(async () => (await ReadAsync(first)).Paths.Any(p => p.Nulls == 1), "the open email path committed");
            await first.Cluster.KillSiloAsync(first.Cluster.Silos[0]);
        }

        await using var second = await Running.StartAsync(_data.Directory, settings: settings);
        var purchase = Event("r-2", "purchase", "web", touch.OccurredAt.AddMinutes(1), 5_000_000) with { UserId = "u-replay" };
        await Events.AppendAsync(second.Store.Log, [purchase]);
        await Eventually.HoldsAsync(async () => (await ReadAsync(second)).Credits.Count == AttributionModels.RuleBased.Count, "the purchase credited");

        var data = await ReadAsync(second);
        Assert.All(data.Credits, c => Assert.Equal(("email", Apportion.Unit, 5_000_000L), (c.Channel, c.NanoConversions, c.RevenueMicros)));
        var path = Assert.Single(data.Paths);
        Assert.Equal(["email"], path.Channels);
        Assert.Equal((1L, 0L), (path.Conversions, path.Nulls));
    }

    private static Task<AttributionData> ReadAsync(Running running) =>
        new SqliteAttributionSource(running.Store.Store).ReadAsync(DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(2), CancellationToken.None);

    private static TrackedEvent Event(string id, string type, string channel, DateTimeOffset at, long value) => new()
    {
        EventId = id, Type = type, Channel = channel, UserId = "u-once", ValueMicros = value, OccurredAt = at, ReceivedAt = at,
    };
}
