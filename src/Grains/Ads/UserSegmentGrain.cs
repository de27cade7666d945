namespace AdOrleans.Grains.Ads;

/// <summary>Holds one segment's definition; the last put wins. Puts go on the commands topic before they apply.</summary>
[GrainType(SegmentConfig.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.SegmentCommands)]
public sealed class UserSegmentGrain(
    [PersistentState("state")] IPersistentState<SegmentGrainState> storage, AdCommandLog commands, StatePublisher publisher, ILogger<UserSegmentGrain> logger)
    : LogConsumerGrain<SegmentGrainState>(storage, logger), IUserSegmentGrain
{
    public Task<SegmentConfig?> GetAsync() => Task.FromResult(State.Segment);

    public async Task<AdChangeOutcome> PutAsync(SegmentConfig segment)
    {
        var command = commands.New(AdCommandKinds.PutSegment) with { Segment = segment with { Id = GrainKey } };
        if (!await commands.TryAppendAsync(SegmentConfig.KeyPrefix + GrainKey, command))
        {
            return AdChangeOutcome.LogUnavailable;
        }

        State.Remember(command.CommandId);
        State.Segment = command.Segment;
        await WriteStateAsync();
        return AdChangeOutcome.Applied;
    }

    protected override void Apply(LogEntry entry)
    {
        if (entry.Command is { Kind: AdCommandKinds.PutSegment, Segment: { } segment } command && State.Remember(command.CommandId))
        {
            State.Segment = segment;
        }
    }

    protected override void OnWritten()
    {
        if (State.Segment is { } segment)
        {
            publisher.Publish(SegmentConfig.KeyPrefix + GrainKey, new AdStateRecord { Segment = segment });
        }
    }
}

public sealed class SegmentGrainState : AdEntityState
{
    public SegmentConfig? Segment { get; set; }
}
