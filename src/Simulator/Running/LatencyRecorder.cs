namespace AdOrleans.Simulator.Running;

/// <summary>Lock-free latency histogram with eight buckets per doubling (±5% percentiles), 1 µs to ~70 s.</summary>
public sealed class LatencyRecorder
{
    private const int PerOctave = 8;
    private const int Buckets = 26 * PerOctave;
    private readonly long[] _counts = new long[Buckets];

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Max(1, elapsed.TotalMicroseconds);
        var bucket = Math.Clamp((int)(Math.Log2(micros) * PerOctave), 0, Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
    }

    /// <summary>The quantile in milliseconds (upper edge of its bucket); 0 when empty.</summary>
    public double PercentileMs(double quantile)
    {
        var snapshot = new long[Buckets];
        for (var i = 0; i < Buckets; i++)
        {
            snapshot[i] = Interlocked.Read(ref _counts[i]);
        }

        var total = snapshot.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += snapshot[i];
            if (seen >= rank)
            {
                return Math.Pow(2, (i + 1) / (double)PerOctave) / 1000;
            }
        }

        return Math.Pow(2, Buckets / (double)PerOctave) / 1000;
    }
}
