namespace AdOrleans.Grains;

public static class AuctionKinds
{
    public const string SecondPrice = "second-price";
    public const string FirstPrice = "first-price";
}

/// <summary>An ad slot (placement) on a publisher's page or app. Width/height 0 accept any creative size.</summary>
[GenerateSerializer, Immutable]
public sealed record SlotConfig
{
    public const string GrainType = "ad-slot";
    public const string KeyPrefix = "slot:";

    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public long FloorMicros { get; init; }

    [Id(2)]
    public int Width { get; init; }

    [Id(3)]
    public int Height { get; init; }

    [Id(4)]
    public required string Auction { get; init; }

    [Id(5)]
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A user segment: users named in the request's <c>segments</c>, or matching every rule given here.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentConfig
{
    public const string GrainType = "user-segment";
    public const string KeyPrefix = "segment:";

    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string Name { get; init; }

    [Id(2)]
    public SegmentRules Rules { get; init; } = new();

    [Id(3)]
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Rules combine with AND; an empty list matches anything. A segment without any rule has only explicit members.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentRules
{
    [Id(0)]
    public IReadOnlyList<string> Geos { get; init; } = [];

    [Id(1)]
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>"clicked an ad of channel X in the last N days", evaluated on the clicks the gateway has tracked.</summary>
    [Id(2)]
    public ClickedRule? Clicked { get; init; }

    public bool IsEmpty => Geos.Count == 0 && Devices.Count == 0 && Clicked is null;
}

[GenerateSerializer, Immutable]
public sealed record ClickedRule([property: Id(0)] string Channel, [property: Id(1)] int WithinDays);
