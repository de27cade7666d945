namespace AdOrleans.Grains;

/// <summary>An admin change on the commands topic, keyed by the entity (campaign id, <c>slot:id</c>, <c>segment:id</c>).</summary>
public sealed record AdCommand
{
    public required string Kind { get; init; }

    public CampaignConfig? Campaign { get; init; }

    public SlotConfig? Slot { get; init; }

    public SegmentConfig? Segment { get; init; }

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
}

/// <summary>The latest value of one entity on the compacted state topic; exactly one of the payloads is set.</summary>
public sealed record AdStateRecord
{
    public CampaignLive? Campaign { get; init; }

    public SlotConfig? Slot { get; init; }

    public SegmentConfig? Segment { get; init; }
}
