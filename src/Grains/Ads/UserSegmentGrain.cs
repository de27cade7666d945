namespace AdOrleans.Grains.Ads;

/// <summary>Holds one segment's definition; the last put wins.</summary>
[GrainType(SegmentConfig.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.SegmentCommands)]
public sealed class UserSegmentGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<SegmentGrainState> storage, AdCommandLog commands, StatePublisher publisher, ILogger<UserSegmentGrain> logger)
    : AdConfigGrain<SegmentGrainState, SegmentConfig>(storage, commands, publisher, logger), IUserSegmentGrain
{
    protected override string CommandKind => AdCommandKinds.PutSegment;

    protected override string LogKeyPrefix => SegmentConfig.KeyPrefix;

    protected override AdCommand PutCommand(AdCommand command, SegmentConfig config) => command with { Segment = config with { Id = GrainKey } };

    protected override SegmentConfig? ConfigOf(AdCommand command) => command.Segment;

    protected override AdStateRecord Published(SegmentConfig config) => new() { Segment = config };
}

public sealed class SegmentGrainState : AdConfigState<SegmentConfig>
{
    public SegmentConfig? Segment { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public override SegmentConfig? Config { get => Segment; set => Segment = value; }
}
