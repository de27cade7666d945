namespace AdOrleans.Pipeline.Bench;

/// <summary>
/// Which campaign key each event carries. <c>skewed</c>: Zipf(s) over K campaign keys (rank r drawn with
/// probability ∝ 1/r^s), the shape of real campaign traffic where a few campaigns take most events.
/// <c>uniform</c>: K keys drawn uniformly. Seeded, so every run of a workload appends the same events.
/// </summary>
internal sealed record Workload(string Name, int Keys, double ZipfExponent)
{
    private const int Seed = 20261203;

    public bool Skewed => ZipfExponent > 0;

    public int[] KeyIndexes(int events)
    {
        var random = new Random(Seed);
        var result = new int[events];
        if (!Skewed)
        {
            for (var i = 0; i < events; i++)
            {
                result[i] = random.Next(Keys);
            }

            return result;
        }

        var cdf = new double[Keys];
        var sum = 0.0;
        for (var r = 0; r < Keys; r++)
        {
            sum += 1.0 / Math.Pow(r + 1, ZipfExponent);
            cdf[r] = sum;
        }

        for (var i = 0; i < events; i++)
        {
            var index = Array.BinarySearch(cdf, random.NextDouble() * sum);
            result[i] = Math.Min(index < 0 ? ~index : index, Keys - 1);
        }

        return result;
    }

    /// <summary>Distinct keys actually drawn and the share of events on the most frequent key.</summary>
    public static (int Distinct, double TopShare) Describe(int[] keyIndexes)
    {
        var counts = new Dictionary<int, int>();
        foreach (var k in keyIndexes)
        {
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        return (counts.Count, keyIndexes.Length == 0 ? 0 : (double)counts.Values.Max() / keyIndexes.Length);
    }
}
