namespace AdOrleans.Grains.Privacy;

/// <summary>A touchpoint or conversion of the user's journey (attribution).</summary>
[GenerateSerializer, Immutable]
public sealed record UserTouchpoint(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Channel,
    [property: Id(3)] string? CampaignId,
    [property: Id(4)] bool Conversion,
    [property: Id(5)] long ValueMicros);

/// <summary>What the KPI aggregation of one log key keeps about the user: a known buyer (new-customer counting), an open web session.</summary>
[GenerateSerializer, Immutable]
public sealed record UserKpiState(
    [property: Id(0)] string LogKey,
    [property: Id(1)] bool Customer,
    [property: Id(2)] DateTimeOffset? OpenSessionLastSeen);

/// <summary>One archived event of the user (a lake row), with where it is on the log.</summary>
[GenerateSerializer, Immutable]
public sealed record UserEventRow(
    [property: Id(0)] int Partition,
    [property: Id(1)] long Offset,
    [property: Id(2)] string EventId,
    [property: Id(3)] string Type,
    [property: Id(4)] string Channel,
    [property: Id(5)] string? CampaignId,
    [property: Id(6)] string? CreativeId,
    [property: Id(7)] string? SlotId,
    [property: Id(8)] string? AuctionId,
    [property: Id(9)] long ValueMicros,
    [property: Id(10)] IReadOnlyList<string> Segments,
    [property: Id(11)] DateTimeOffset OccurredAt);
