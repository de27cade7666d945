namespace AdOrleans.Grains.Ads;

/// <summary>Holds one slot's configuration; the last put wins. Puts go on the commands topic before they apply.</summary>
[GrainType(SlotConfig.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.SlotCommands)]
public sealed class AdSlotGrain(
    [PersistentState("state")] IPersistentState<SlotGrainState> storage, AdCommandLog commands, StatePublisher publisher, ILogger<AdSlotGrain> logger)
    : LogConsumerGrain<SlotGrainState>(storage, logger), IAdSlotGrain
{
    public Task<SlotConfig?> GetAsync() => Task.FromResult(State.Slot);

    public async Task<AdChangeOutcome> PutAsync(SlotConfig slot)
    {
        var command = commands.New(AdCommandKinds.PutSlot) with { Slot = slot with { Id = GrainKey } };
        if (!await commands.TryAppendAsync(SlotConfig.KeyPrefix + GrainKey, command))
        {
            return AdChangeOutcome.LogUnavailable;
        }

        State.Remember(command.CommandId);
        State.Slot = command.Slot;
        await WriteStateAsync();
        return AdChangeOutcome.Applied;
    }

    protected override void Apply(LogEntry entry)
    {
        if (entry.Command is { Kind: AdCommandKinds.PutSlot, Slot: { } slot } command && State.Remember(command.CommandId))
        {
            State.Slot = slot;
        }
    }

    protected override void OnWritten()
    {
        if (State.Slot is { } slot)
        {
            publisher.Publish(SlotConfig.KeyPrefix + GrainKey, new AdStateRecord { Slot = slot });
        }
    }
}

public sealed class SlotGrainState : AdEntityState
{
    public SlotConfig? Slot { get; set; }
}
