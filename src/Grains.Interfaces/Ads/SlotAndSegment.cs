namespace AdOrleans.Grains;

public static class AuctionKinds
{
    public const string SecondPrice = "second-price";
    public const string FirstPrice = "first-price";
}

/// <summary>An ad slot (placement) on a publisher's page or app. Width/height 0 accept any creative size.</summary>
public sealed record SlotConfig
{
    public const string GrainType = "ad-slot";
    public const string KeyPrefix = "slot:";

    public required string Id { get; init; }

    public long FloorMicros { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public required string Auction { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A user segment: users named in the request's <c>segments</c>, or matching every rule given here.</summary>
public sealed record SegmentConfig
{
    public const string GrainType = "user-segment";
    public const string KeyPrefix = "segment:";

    public required string Id { get; init; }

    public required string Name { get; init; }

    public SegmentRules Rules { get; init; } = new();

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Rules combine with AND; an empty list matches anything. A segment without any rule has only explicit members.</summary>
public sealed record SegmentRules
{
    public IReadOnlyList<string> Geos { get; init; } = [];

    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>"clicked an ad of channel X in the last N days", evaluated on the clicks the gateway has tracked.</summary>
    public ClickedRule? Clicked { get; init; }

    public bool IsEmpty => Geos.Count == 0 && Devices.Count == 0 && Clicked is null;
}

public sealed record ClickedRule(string Channel, int WithinDays);

/// <summary>The slot grain's persisted state (read by the gateway's GET).</summary>
public sealed record SlotGrainState
{
    public SlotConfig? Slot { get; init; }
}

/// <summary>The segment grain's persisted state (read by the gateway's GET).</summary>
public sealed record SegmentGrainState
{
    public SegmentConfig? Segment { get; init; }
}
