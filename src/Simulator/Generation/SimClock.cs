namespace AdOrleans.Simulator.Generation;

/// <summary>
/// Maps real time to simulated time. With a duration D and scale S the simulated span is D × S long and ends when
/// the run ends, so every simulated timestamp is at or before the real clock (the API refuses future events).
/// </summary>
public sealed class SimClock
{
    private readonly DateTimeOffset _realStart;
    private readonly DateTimeOffset _simStart;

    public SimClock(DateTimeOffset realStart, TimeSpan? duration, double scale)
    {
        _realStart = realStart;
        Scale = duration is null ? 1 : scale;
        _simStart = duration is { } d ? realStart + d - d * Scale : realStart;
        SimulatedFrom = _simStart;
        SimulatedTo = duration is { } end ? realStart + end : null;
    }

    public double Scale { get; }

    public DateTimeOffset SimulatedFrom { get; }

    /// <summary>The end of the simulated span (the real end of the run); null when running forever.</summary>
    public DateTimeOffset? SimulatedTo { get; }

    public DateTimeOffset ToSimulated(DateTimeOffset real) => _simStart + (real - _realStart) * Scale;

    public TimeSpan ToReal(TimeSpan simulated) => simulated / Scale;
}
