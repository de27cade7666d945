using AdOrleans.Grains.Attribution;
using AdOrleans.Persistence.Sqlite.Attribution;

namespace AdOrleans.Grains.Tests;

/// <summary>A journey counts each event once however often the aggregators deliver it (retries, replays after a deactivation).</summary>
public sealed class JourneyGrainTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_retried_or_replayed_call_after_a_deactivation_credits_the_conversion_once()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var journey = running.Client.GetGrain<IJourneyGrain>("u-once");
        JourneyEvent[] events =
        [
            new(0, 10, Event("j-1", "email_click", "email", At, 0)),
            new(1, 20, Event("j-2", "purchase", "web", At.AddMinutes(5), 4_000_000)),
        ];

        await journey.TrackAsync(events);
        await journey.TrackAsync(events);
        await running.Cluster.DeactivateAsync(journey);
        await journey.TrackAsync([events[1], events[0]]);

        // A client retry the receiver missed (same eventId at a new offset) is skipped by the remembered eventIds.
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

    private static TrackedEvent Event(string id, string type, string channel, DateTimeOffset at, long value) => new()
    {
        EventId = id, Type = type, Channel = channel, UserId = "u-once", ValueMicros = value, OccurredAt = at, ReceivedAt = at,
    };
}
