using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Automation;

namespace AdOrleans.Grains.Tests;

/// <summary>Automation shards fire each rule once per user and window however often a delivery is repeated, and keep their waits across deactivation.</summary>
public sealed class AutomationShardGrainTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_replayed_or_retried_delivery_fires_a_rule_once_also_after_a_deactivation()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        await Registry(running).CreateAsync(Rule("buys", new AutomationTrigger { Event = "purchase" }));
        var shard = running.Client.GetGrain<IAutomationShardGrain>(IAutomationShardGrain.KeyOf("u-once", StoreServices.Partitions));
        var purchase = new JourneyEvent(0, 10, Event("p-1", "purchase", DateTimeOffset.UtcNow));

        await shard.TrackAsync([purchase]);
        await shard.TrackAsync([purchase]);
        await running.Cluster.DeactivateAsync(shard);
        await shard.TrackAsync([purchase]);
        // A client retry the stream receiver missed: same event at a new offset, same window.
        await shard.TrackAsync([purchase with { Offset = 11 }]);

        var firings = await running.Client.GetGrain<IAutomationRuleGrain>("buys").FiringsAsync();
        Assert.Equal(1, firings.Total);
        Assert.Equal(("u-once", "p-1"), (firings.Firings[0].UserId, firings.Firings[0].EventId));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_open_inactivity_wait_survives_a_deactivation_and_fires_once_when_due()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        await Registry(running).CreateAsync(Rule("idle", new AutomationTrigger { NotDoneEvent = "purchase", Days = 2.0 / 86_400 }));
        var shard = running.Client.GetGrain<IAutomationShardGrain>(IAutomationShardGrain.KeyOf("u-once", StoreServices.Partitions));

        await shard.TrackAsync([new JourneyEvent(0, 10, Event("v-1", "pageview", DateTimeOffset.UtcNow))]);
        await running.Cluster.DeactivateAsync(shard);
        await shard.WakeAsync();

        var rule = running.Client.GetGrain<IAutomationRuleGrain>("idle");
        await Eventually.HoldsAsync(async () => (await rule.FiringsAsync()).Total > 0, "the wait fired");
        var firing = Assert.Single((await rule.FiringsAsync()).Firings);
        Assert.Equal(("u-once", AutomationReasons.NotDone, "v-1"), (firing.UserId, firing.Reason, firing.EventId));
    }

    private static IAutomationRegistryGrain Registry(Running running) => running.Client.GetGrain<IAutomationRegistryGrain>(IAutomationRegistryGrain.Key);

    private static AutomationRule Rule(string id, AutomationTrigger trigger) => new()
    {
        Id = id, Name = id, Trigger = trigger, WindowHours = 24,
        Action = new AutomationAction { EmitEvent = new AutomationEmit { Type = "email_sent", Channel = "email" } },
    };

    private static TrackedEvent Event(string id, string type, DateTimeOffset at) => new()
    {
        EventId = id, Type = type, Channel = "web", UserId = "u-once", OccurredAt = at, ReceivedAt = at,
    };
}
