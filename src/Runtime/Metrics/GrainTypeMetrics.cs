namespace AdOrleans.Runtime;

/// <summary>
/// Per-grain-type counters. Turns are added once per scheduling slice and latency is sampled,
/// so the hot path pays no more than a few uncontended increments.
/// </summary>
internal sealed class GrainTypeMetrics(string grainType)
{
    private long _turns;
    private long _failures;
    private long _activations;
    private long _deactivations;
    private readonly LatencyHistogram _latency = new();

    public void RecordTurns(int turns)
    {
        if (turns > 0)
        {
            Interlocked.Add(ref _turns, turns);
        }
    }

    public void RecordLatency(TimeSpan elapsed) => _latency.Record(elapsed);

    public void Failed() => Interlocked.Increment(ref _failures);

    public void Activated() => Interlocked.Increment(ref _activations);

    public void Deactivated() => Interlocked.Increment(ref _deactivations);

    public GrainTypeSnapshot Snapshot(int liveActivations) => new(
        grainType,
        liveActivations,
        Interlocked.Read(ref _turns),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _activations),
        Interlocked.Read(ref _deactivations),
        _latency.Percentile(0.50),
        _latency.Percentile(0.99),
        _latency.Buckets());
}

public sealed record GrainTypeSnapshot(
    string GrainType,
    int Activations,
    long Turns,
    long Failures,
    long ActivationsTotal,
    long DeactivationsTotal,
    double TurnLatencyP50Micros,
    double TurnLatencyP99Micros,
    IReadOnlyList<(double UpperBoundMicros, long Count)> LatencyBuckets);
