namespace AdOrleans.Grains.Attribution;

/// <summary>An event forwarded to a journey with where it is on the events topic, so a replayed delivery can be recognised.</summary>
[GenerateSerializer, Immutable]
public sealed record JourneyEvent([property: Id(0)] int Partition, [property: Id(1)] long Offset, [property: Id(2)] TrackedEvent Event);
