namespace AdOrleans.Grains.Ads;

/// <summary>Holds one slot's configuration; the last put wins.</summary>
[GrainType(SlotConfig.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.SlotCommands)]
public sealed class AdSlotGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<SlotGrainState> storage, AdCommandLog commands, StatePublisher publisher, ILogger<AdSlotGrain> logger)
    : AdConfigGrain<SlotGrainState, SlotConfig>(storage, commands, publisher, logger), IAdSlotGrain
{
    protected override string CommandKind => AdCommandKinds.PutSlot;

    protected override string LogKeyPrefix => SlotConfig.KeyPrefix;

    protected override AdCommand PutCommand(AdCommand command, SlotConfig config) => command with { Slot = config with { Id = GrainKey } };

    protected override SlotConfig? ConfigOf(AdCommand command) => command.Slot;

    protected override AdStateRecord Published(SlotConfig config) => new() { Slot = config };
}

public sealed class SlotGrainState : AdConfigState<SlotConfig>
{
    public SlotConfig? Slot { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public override SlotConfig? Config { get => Slot; set => Slot = value; }
}
