namespace AdOrleans.Grains.Streams;

/// <summary>A lock-free histogram with power-of-two microsecond buckets (1 µs … ~34 s).</summary>
public sealed class LatencyHistogram
{
    private const int BucketCount = 26;
    private readonly long[] _counts = new long[BucketCount];

    public void Record(TimeSpan elapsed)
    {
        var micros = (long)elapsed.TotalMicroseconds;
        var bucket = micros <= 1 ? 0 : Math.Min(BucketCount - 1, 64 - long.LeadingZeroCount(micros - 1));
        Interlocked.Increment(ref _counts[bucket]);
    }

    public static double UpperBound(int bucket) => Math.Pow(2, bucket);

    /// <summary>The upper bound of the bucket holding the given quantile; 0 when nothing was recorded.</summary>
    public double Percentile(double quantile)
    {
        var snapshot = _counts.Select(c => c).ToArray();
        var total = snapshot.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += snapshot[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(BucketCount - 1);
    }

    public IReadOnlyList<(double UpperBoundMicros, long Count)> Buckets() =>
        [.. _counts.Select((c, i) => (UpperBound(i), c))];
}
