namespace AdOrleans.Grains;

/// <summary>Counts every event of its key. The counts and the applied offsets are written together, so each event counts once.</summary>
[GrainType(EventTotals.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.EventTotals)]
public sealed class EventTotalsGrain(
    [PersistentState("state")] IPersistentState<EventTotalsState> storage, ILogger<EventTotalsGrain> logger)
    : LogConsumerGrain<EventTotalsState>(storage, logger), IEventTotalsGrain
{
    public Task<EventTotals?> GetAsync() => Task.FromResult(StateExists
        ? new EventTotals { Events = State.Events, ValueMicros = State.ValueMicros, ByType = new(State.ByType, StringComparer.Ordinal) }
        : null);

    protected override void Apply(LogEntry entry)
    {
        var tracked = entry.Event ?? throw new InvalidDataException("An events record without an event.");
        State.ByType[tracked.Type] = State.ByType.GetValueOrDefault(tracked.Type) + 1;
        State.Events++;
        State.ValueMicros += tracked.ValueMicros;
    }
}

/// <summary>Stored as JSON with the shape of <see cref="EventTotals"/> plus the applied offsets.</summary>
public sealed class EventTotalsState : LogConsumerState
{
    public long Events { get; set; }

    public long ValueMicros { get; set; }

    public Dictionary<string, long> ByType { get; set; } = new(StringComparer.Ordinal);
}
