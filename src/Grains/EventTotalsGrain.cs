using AdOrleans.Runtime;

namespace AdOrleans.Grains;

/// <summary>Counts every event of its key. State and log offset commit together, so each event counts exactly once.</summary>
public sealed class EventTotalsGrain : Grain<EventTotals>, IEventTotalsGrain
{
    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        var tracked = record.TrackedEvent();
        var byType = State.ByType;
        byType[tracked.Type] = byType.GetValueOrDefault(tracked.Type) + 1;
        State = State with { Events = State.Events + 1, ValueMicros = State.ValueMicros + tracked.ValueMicros };
        return ValueTask.CompletedTask;
    }
}
