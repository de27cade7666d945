using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AdOrleans.Grains.Streams;

/// <summary>
/// What the log-fed grains of each type did in this silo: deliveries (one per batch container, i.e. one turn),
/// records applied, records dead-lettered, and delivery latency (apply + durable write). Kept as plain counters
/// for the cluster page and published on the <c>AdOrleans</c> meter for /metrics.
/// </summary>
public static class DeliveryMetrics
{
    public const string MeterName = "AdOrleans";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> DeliveriesCounter = Meter.CreateCounter<long>("grain.deliveries", description: "Stream deliveries (grain turns) by grain type.");
    private static readonly Counter<long> RecordsCounter = Meter.CreateCounter<long>("grain.records", description: "Log records applied by grain type.");
    private static readonly Counter<long> FailuresCounter = Meter.CreateCounter<long>("grain.failures", description: "Records dead-lettered or deliveries that threw, by grain type.");
    private static readonly Histogram<double> LatencyHistogram = Meter.CreateHistogram<double>("grain.delivery.duration", "s", "Time to apply a delivery and write it durably.");
    private static readonly ConcurrentDictionary<string, GrainTypeCounters> ByType = new(StringComparer.Ordinal);

    public static void Delivered(string grainType, int records, long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var tag = new KeyValuePair<string, object?>("grain_type", grainType);
        var counters = ByType.GetOrAdd(grainType, static _ => new GrainTypeCounters());
        Interlocked.Increment(ref counters.Deliveries);
        Interlocked.Add(ref counters.Records, records);
        counters.Latency.Record(elapsed);
        DeliveriesCounter.Add(1, tag);
        RecordsCounter.Add(records, tag);
        LatencyHistogram.Record(elapsed.TotalSeconds, tag);
    }

    public static void Failed(string grainType)
    {
        Interlocked.Increment(ref ByType.GetOrAdd(grainType, static _ => new GrainTypeCounters()).Failures);
        FailuresCounter.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
    }

    /// <summary>Cumulative figures per grain type; activations come from Orleans and are filled in by the caller.</summary>
    public static IReadOnlyList<GrainTypeSnapshot> Snapshot(IReadOnlyDictionary<string, int> activations) =>
        [.. ByType.Keys.Union(activations.Keys).Order(StringComparer.Ordinal).Select(type =>
        {
            var c = ByType.GetValueOrDefault(type) ?? new GrainTypeCounters();
            return new GrainTypeSnapshot(type, activations.GetValueOrDefault(type), Interlocked.Read(ref c.Deliveries), Interlocked.Read(ref c.Records),
                Interlocked.Read(ref c.Failures), c.Latency.Percentile(0.50), c.Latency.Percentile(0.99), c.Latency.Buckets());
        })];

    private sealed class GrainTypeCounters
    {
        public long Deliveries;
        public long Records;
        public long Failures;
        public readonly LatencyHistogram Latency = new();
    }
}

/// <summary>One grain type's figures in this silo (turns = deliveries; latencies in microseconds, 0 when none).</summary>
public sealed record GrainTypeSnapshot(
    string GrainType,
    int Activations,
    long Turns,
    long Records,
    long Failures,
    double TurnLatencyP50Micros,
    double TurnLatencyP99Micros,
    IReadOnlyList<(double UpperBoundMicros, long Count)> LatencyBuckets);
