namespace AdOrleans.Silo.Operations.History;

/// <summary>
/// One point of the cluster history. Rates and latencies cover the interval since the previous
/// sample (not the whole process life), so a spike shows as a spike.
/// </summary>
public sealed record ClusterSample(
    DateTimeOffset At,
    double IntervalSeconds,
    double CpuCoresUsed,
    long WorkingSetBytes,
    double LogRecordsPerSecond,
    double CommitsPerSecond,
    long Lag,
    IReadOnlyList<GrainTypeSample> Grains);

/// <summary>Per grain type over the interval: p50/p99 are null when no turn was sampled in it.</summary>
public sealed record GrainTypeSample(
    string GrainType,
    int Activations,
    double TurnsPerSecond,
    long Failures,
    double? TurnLatencyP50Micros,
    double? TurnLatencyP99Micros);

/// <summary>The body of <c>GET /v1/cluster/history</c>, oldest sample first.</summary>
public sealed record ClusterHistoryView(double SampleIntervalSeconds, int Capacity, IReadOnlyList<ClusterSample> Samples);
