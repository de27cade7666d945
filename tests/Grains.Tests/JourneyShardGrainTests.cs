using AdOrleans.Grains.Attribution;
using AdOrleans.Persistence.Sqlite.Attribution;
using AdOrleans.Log;

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

        await journey.TrackAsync(events, durable: false);
        await journey.TrackAsync(events, durable: true);
        await running.Cluster.DeactivateAsync(journey);
        await journey.TrackAsync([events[1], events[0]], durable: true);

        // A client retry the receiver missed (same eventId at a new offset) is skipped: the eventId is among the journey's items.
        await journey.TrackAsync([events[1] with { Offset = 21 }], durable: false);
        await journey.FlushAsync();

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

    [Fact(Timeout = 120_000)]
    public async Task Events_a_shard_took_without_writing_are_replayed_after_a_kill_and_credited_once()
    {
        // No write-behind before the kill, and no lake whose own hold would replay the records anyway.
        var held = new Dictionary<string, string?> { ["Attribution:WriteIntervalMs"] = "60000", ["Lake:Enabled"] = "false" };
        var touch = Event("h-1", "email_click", "email", DateTimeOffset.UtcNow, 0) with { UserId = "u-held" };
        var purchase = Event("h-2", "purchase", "web", touch.OccurredAt.AddMinutes(1), 2_000_000) with { UserId = "u-held" };
        var key = IJourneyShardGrain.KeyOf("u-held", StoreServices.Partitions);
        await using (var first = await Running.StartAsync(_data.Directory, settings: held))
        {
            await Events.AppendAsync(first.Store.Log, [touch, purchase]);
            var journey = first.Client.GetGrain<IJourneyShardGrain>(key);
            await Eventually.HoldsAsync(async () => (await journey.ExportUserAsync("u-held")).Count == 2, "the shard took both events");
            Assert.Empty((await ReadAsync(first)).Credits);
            await first.Cluster.KillSiloAsync(first.Cluster.Silos[0]);
        }

        await using var second = await Running.StartAsync(_data.Directory, settings: new Dictionary<string, string?> { ["Lake:Enabled"] = "false" });
        await Eventually.HoldsAsync(async () => (await ReadAsync(second)).Credits.Count == AttributionModels.RuleBased.Count, "the replayed purchase credited");
        var data = await ReadAsync(second);
        Assert.All(data.Credits, c => Assert.Equal(("email", Apportion.Unit, 2_000_000L), (c.Channel, c.NanoConversions, c.RevenueMicros)));
        Assert.Equal((1L, 0L), (Assert.Single(data.Paths).Conversions, Assert.Single(data.Paths).Nulls));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_new_incarnation_is_told_apart_and_a_catch_up_from_the_log_credits_each_missing_event_once()
    {
        // The aggregators forward nothing and no write-behind runs: only the calls below reach the shard.
        var settings = new Dictionary<string, string?> { ["Attribution:Enabled"] = "false", ["Attribution:WriteIntervalMs"] = "60000" };
        var at = DateTimeOffset.UtcNow;
        TrackedEvent[] events =
        [
            Event("l-1", "email_click", "email", at, 0) with { UserId = "u-lost", CampaignId = "c-lost" },
            Event("l-2", "purchase", "web", at.AddMinutes(1), 3_000_000) with { UserId = "u-lost", CampaignId = "c-lost" },
        ];
        var partition = KeyPartitioner.Partition(events[0].PartitionKey, StoreServices.Partitions);
        await using var running = await Running.StartAsync(_data.Directory, settings: settings);
        var from = await running.Store.Log.EndOffsetAsync(new TopicPartition(Topics.Events, partition), CancellationToken.None);
        await Events.AppendAsync(running.Store.Log, events);
        var shard = running.Client.GetGrain<IJourneyShardGrain>(IJourneyShardGrain.KeyOf("u-lost", StoreServices.Partitions));

        // The shard takes the touch only; the purchase stands for what a lost activation had taken and not written.
        var first = await shard.TrackAsync([new(partition, from, events[0])], durable: false);
        Assert.Equal(first, await shard.FlushAsync());
        await running.Cluster.DeactivateAsync(shard);
        Assert.NotEqual(first, await shard.FlushAsync());
        Assert.Empty((await ReadAsync(running)).Credits);

        await shard.CatchUpAsync(partition, from, from + 1);
        await shard.CatchUpAsync(partition, from, from + 1);

        var data = await ReadAsync(running);
        Assert.Equal(AttributionModels.RuleBased.Count, data.Credits.Count);
        Assert.All(data.Credits, c => Assert.Equal(("email", Apportion.Unit, 3_000_000L), (c.Channel, c.NanoConversions, c.RevenueMicros)));
    }

    private static Task<AttributionData> ReadAsync(Running running) =>
        new SqliteAttributionSource(running.Store.Store).ReadAsync(DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(2), CancellationToken.None);

    private static TrackedEvent Event(string id, string type, string channel, DateTimeOffset at, long value) => new()
    {
        EventId = id, Type = type, Channel = channel, UserId = "u-once", ValueMicros = value, OccurredAt = at, ReceivedAt = at,
    };
}
