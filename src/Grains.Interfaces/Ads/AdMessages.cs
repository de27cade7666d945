namespace AdOrleans.Grains;

/// <summary>An admin change on the commands topic, keyed by the entity (campaign id, <c>slot:id</c>, <c>segment:id</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record AdCommand
{
    [Id(0)]
    public required string Kind { get; init; }

    /// <summary>
    /// Unique per admin request. The grain applies a command when it is asked and again when the commands stream
    /// delivers it (after a crash between the two); it remembers recent ids so the second time is a no-op.
    /// </summary>
    [Id(5)]
    public string CommandId { get; init; } = "";

    [Id(1)]
    public CampaignConfig? Campaign { get; init; }

    [Id(2)]
    public SlotConfig? Slot { get; init; }

    [Id(3)]
    public SegmentConfig? Segment { get; init; }

    [Id(6)]
    public ExperimentConfig? Experiment { get; init; }

    [Id(7)]
    public BudgetChange? Budget { get; init; }

    [Id(4)]
    public required DateTimeOffset IssuedAt { get; init; }
}

public static class AdCommandKinds
{
    public const string CreateCampaign = "create-campaign";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Stop = "stop";
    public const string PutSlot = "put-slot";
    public const string PutSegment = "put-segment";
    public const string CreateExperiment = "create-experiment";
    public const string SetBudget = "set-budget";
}

/// <summary>New budgets for a campaign; a null keeps the current one.</summary>
[GenerateSerializer, Immutable]
public sealed record BudgetChange([property: Id(0)] long? DailyBudgetMicros, [property: Id(1)] long? TotalBudgetMicros);

/// <summary>The latest value of one entity on the compacted state topic; exactly one of the payloads is set.</summary>
public sealed record AdStateRecord
{
    public CampaignLive? Campaign { get; init; }

    public SlotConfig? Slot { get; init; }

    public SegmentConfig? Segment { get; init; }

    public ExperimentLive? Experiment { get; init; }

    /// <summary>The CTR model's weights (key <see cref="Ctr.CtrModelSnapshot.StateKey"/>, docs/ctr.md).</summary>
    public Ctr.CtrModelSnapshot? CtrModel { get; init; }
}
