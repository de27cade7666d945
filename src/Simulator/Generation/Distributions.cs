namespace AdOrleans.Simulator.Generation;

/// <summary>Samplers for the heavy-tailed and skewed quantities of real traffic.</summary>
public static class Distributions
{
    /// <summary>Pareto(xm, alpha): P(X &gt; x) = (xm / x)^alpha for x ≥ xm.</summary>
    public static double Pareto(Random random, double xm, double alpha) => xm / Math.Pow(1 - random.NextDouble(), 1 / alpha);

    /// <summary>Log-normal around a median: half the draws are below it, sigma sets the spread.</summary>
    public static double LogNormal(Random random, double median, double sigma) => median * Math.Exp(sigma * StandardNormal(random));

    /// <summary>Number of failures before the first success with probability p.</summary>
    public static int Geometric(Random random, double p) => (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p));

    /// <summary>Exponential with the given mean.</summary>
    public static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    public static double StandardNormal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>SplitMix64: turns one seed into a well-mixed stream, so concurrent workers draw reproducibly.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>FNV-1a: a string hash that is the same in every process (string.GetHashCode is not).</summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A uniform draw in [0, 1) from a seed and a stream number.</summary>
    public static double Unit(ulong seed, ulong stream) => (Mix(seed ^ Mix(stream)) >> 11) * (1.0 / (1UL << 53));
}

/// <summary>Zipf over ranks 0..n-1: P(rank k) ∝ 1 / (k + 1)^s. Exact, by binary search of the cumulative weights.</summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int n, double exponent)
    {
        _cumulative = new double[n];
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            sum += 1 / Math.Pow(k + 1, exponent);
            _cumulative[k] = sum;
        }

        for (var k = 0; k < n; k++)
        {
            _cumulative[k] /= sum;
        }
    }

    public int Count => _cumulative.Length;

    public double Probability(int rank) => _cumulative[rank] - (rank == 0 ? 0 : _cumulative[rank - 1]);

    public int Sample(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
