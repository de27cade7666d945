using System.Diagnostics.Metrics;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// The product's operational series on the <c>AdOrleans</c> meter, exported at /metrics with Orleans' and
/// .NET's meters: per partition the committed (checkpoint), read and end offsets and the lag, client retries dropped,
/// and the stored dead letters. Offsets come from the cluster status sampled by <see cref="ClusterStatus"/> (every
/// <c>ClusterHistory:SampleInterval</c>), because the log's end offset may be a network call.
/// </summary>
public sealed class OperationsMetrics : IDisposable
{
    public const string MeterName = "AdOrleans";

    private readonly Meter _meter;

    public OperationsMetrics(ClusterStatus status, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("partition.committed_offset", () => Per(status, p => p.CommittedOffset),
            description: "Offset up to which every record's effect is durable (the queue checkpoint).");
        _meter.CreateObservableGauge("partition.read_offset", () => Per(status, p => p.ReadOffset),
            description: "Next offset the silo's receiver reads.");
        _meter.CreateObservableGauge("partition.end_offset", () => Per(status, p => p.EndOffset),
            description: "Log end offset.");
        _meter.CreateObservableGauge("partition.lag", () => Per(status, p => p.Lag),
            description: "Records appended but not yet durably applied by this silo.");
        _meter.CreateObservableCounter("stream.duplicates_dropped", () => Per(status, p => p.DuplicatesDropped),
            description: "Records dropped as client retries (an eventId already seen on the partition).");
        _meter.CreateObservableGauge("stream.dead_letters", () => status.DeadLetters,
            description: "Log records given up after their delivery kept failing (stored; listed on the cluster page).");
    }

    private static IEnumerable<Measurement<long>> Per(ClusterStatus status, Func<PartitionStatus, long> value) =>
        status.LastPartitions.Select(p => new Measurement<long>(value(p),
            new KeyValuePair<string, object?>("topic", p.Topic), new KeyValuePair<string, object?>("partition", p.Partition)));

    public void Dispose() => _meter.Dispose();
}
