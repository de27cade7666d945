using AdOrleans.Log;
using AdOrleans.Persistence;

namespace AdOrleans.Grains.Tests;

/// <summary>Grain state lives in the store, not in the activation.</summary>
public sealed class GrainStateTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_grains_state_survives_its_deactivation()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        const string id = "camp-keep";
        var grain = running.Client.GetGrain<ICampaignGrain>(id);
        var created = await grain.CreateAsync(LogDeliveryTests.CampaignConfigFor(id));
        Assert.Equal(AdChangeOutcome.Applied, created.Outcome);
        Assert.Equal(AdChangeOutcome.Applied, (await grain.PauseAsync()).Outcome);
        Assert.True(running.Cluster.TryGetGrainContext(grain.GetGrainId(), out var before));
        var activationBefore = before!.ActivationId;

        // The commands the grain appended come back on its commands stream and may activate it again; let them
        // be delivered first, so that what the deactivation drops is really the only activation.
        var commands = new TopicPartition(Topics.Commands, KeyPartitioner.Partition(id, StoreServices.Partitions));
        await Eventually.HoldsAsync(async () => await running.Store.CheckpointAsync(commands) == await running.Store.Log.EndOffsetAsync(commands, CancellationToken.None),
            "the campaign's commands were delivered back to it");

        await running.Cluster.DeactivateAsync(grain);
        Assert.False(running.Cluster.TryGetGrainContext(grain.GetGrainId(), out var current) && current!.ActivationId == activationBefore,
            "the campaign grain's activation survived the deactivation");
        var stored = await running.Store.Store.ReadAsync(new StateId(ICampaignGrain.GrainType, id), CancellationToken.None);
        Assert.NotNull(stored);

        var live = await grain.GetAsync();
        Assert.True(running.Cluster.TryGetGrainContext(grain.GetGrainId(), out var after));
        Assert.NotEqual(activationBefore, after!.ActivationId);
        Assert.NotNull(live);
        // Records with lists compare the lists by reference: compare what was stored, field by field.
        var config = created.Campaign!.Config;
        Assert.Equal((config.Id, config.Name, config.Advertiser, config.BidType, config.BidMicros, config.TotalBudgetMicros),
            (live.Config.Id, live.Config.Name, live.Config.Advertiser, live.Config.BidType, live.Config.BidMicros, live.Config.TotalBudgetMicros));
        Assert.Equal(config.Creatives, live.Config.Creatives);
        Assert.Equal(CampaignStatuses.Paused, live.Status);
        Assert.Equal(created.Campaign.CreatedAt, live.CreatedAt);
    }
}
