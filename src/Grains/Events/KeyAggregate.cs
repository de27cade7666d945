using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Events;

/// <summary>
/// What a partition aggregator keeps for one log key: its event totals and its KPI aggregation state. Stored as one
/// row per key (<see cref="SubStateRow"/>), rewritten only by deliveries that touched the key.
/// </summary>
public sealed class KeyAggregate
{
    /// <summary>
    /// The highest offset counted in the totals of this key. The aggregator's own applied offset covers the whole
    /// partition; this one (and <see cref="KpiApplied"/>) lets keys taken over from the former per-key grains, each
    /// with its own applied offset, skip what they had already applied.
    /// </summary>
    public long Applied { get; set; } = -1;

    /// <summary>The highest offset applied to <see cref="Kpi"/>.</summary>
    public long KpiApplied { get; set; } = -1;

    public long Events { get; set; }

    public long ValueMicros { get; set; }

    public Dictionary<string, long> ByType { get; set; } = new(StringComparer.Ordinal);

    public KpiKeyState Kpi { get; set; } = new();

    public EventTotals Totals() => new() { Events = Events, ValueMicros = ValueMicros, ByType = new(ByType, StringComparer.Ordinal) };

    public KpiAggregatorStatus KpiStatus() => new(Kpi.Events, Kpi.Duplicates, Kpi.Restated, Kpi.TooLate, Kpi.Watermark);

    public void Count(TrackedEvent tracked)
    {
        ByType[tracked.Type] = ByType.GetValueOrDefault(tracked.Type) + 1;
        Events++;
        ValueMicros += tracked.ValueMicros;
    }
}

/// <summary>The aggregator's own row: the offsets it applied (its keys are rows of their own).</summary>
public sealed class EventAggregatorState : LogConsumerState;
