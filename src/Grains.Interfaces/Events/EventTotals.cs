using AdOrleans.Runtime;

namespace AdOrleans.Grains;

/// <summary>Running totals of the events of one log key. Read by gateways from the store, never by a call.</summary>
public interface IEventTotalsGrain : ILogConsumerGrain;

public sealed record EventTotals
{
    public const string GrainType = "event-totals";

    public long Events { get; init; }

    public long ValueMicros { get; init; }

    public Dictionary<string, long> ByType { get; init; } = new(StringComparer.Ordinal);
}
