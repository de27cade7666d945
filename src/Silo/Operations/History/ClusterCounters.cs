using AdOrleans.Grains.Streams;

namespace AdOrleans.Silo.Operations.History;

/// <summary>
/// Cumulative counters read at one instant; two of them make a <see cref="ClusterSample"/>. Offsets are kept per
/// partition: a partition this silo did not own at both readings (before its queues were assigned after a start, or
/// handed over after another silo restarted) adds nothing, since its offsets count every record since the log began,
/// not this interval's.
/// </summary>
internal sealed record ClusterCounters(
    DateTimeOffset At,
    TimeSpan Cpu,
    long WorkingSetBytes,
    IReadOnlyDictionary<TopicPartition, (long End, long Committed)> Offsets,
    long Lag,
    IReadOnlyList<GrainTypeSnapshot> Grains)
{
    public ClusterSample Since(ClusterCounters previous)
    {
        var seconds = Math.Max((At - previous.At).TotalSeconds, 1e-3);
        var before = previous.Grains.ToDictionary(g => g.GrainType);
        var grains = Grains.Select(g => Delta(g, before.GetValueOrDefault(g.GrainType), seconds)).ToList();
        return new ClusterSample(
            At,
            seconds,
            (Cpu - previous.Cpu).TotalSeconds / seconds,
            WorkingSetBytes,
            Delta(previous, o => o.End) / seconds,
            Delta(previous, o => o.Committed) / seconds,
            Lag,
            grains);
    }

    private long Delta(ClusterCounters previous, Func<(long End, long Committed), long> offset) =>
        Offsets.Where(p => previous.Offsets.ContainsKey(p.Key)).Sum(p => Math.Max(0, offset(p.Value) - offset(previous.Offsets[p.Key])));

    private static GrainTypeSample Delta(GrainTypeSnapshot now, GrainTypeSnapshot? before, double seconds)
    {
        var counts = now.LatencyBuckets.Select((b, i) => b.Count - (before?.LatencyBuckets.ElementAtOrDefault(i).Count ?? 0)).ToArray();
        var bounds = now.LatencyBuckets.Select(b => b.UpperBoundMicros).ToArray();
        return new GrainTypeSample(
            now.GrainType,
            now.Activations,
            (now.Turns - (before?.Turns ?? 0)) / seconds,
            now.Failures - (before?.Failures ?? 0),
            Percentile(counts, bounds, 0.50),
            Percentile(counts, bounds, 0.99));
    }

    /// <summary>The upper bound of the bucket holding the quantile, as the runtime's own histogram reports it.</summary>
    internal static double? Percentile(long[] counts, double[] upperBounds, double quantile)
    {
        var total = counts.Sum();
        if (total <= 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return upperBounds[i];
            }
        }

        return upperBounds[^1];
    }
}
