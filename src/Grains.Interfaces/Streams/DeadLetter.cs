namespace AdOrleans.Grains.Streams;

/// <summary>
/// A log record whose effect could not be applied (undecodable, or its grain kept failing). Written durably where
/// operators see it (<c>/metrics</c>, the cluster page) instead of being skipped silently; replaying it later is
/// harmless because consumers skip offsets they already applied.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeadLetter(
    [property: Id(0)] string Consumer,
    [property: Id(1)] string Topic,
    [property: Id(2)] int Partition,
    [property: Id(3)] long Offset,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset At);
