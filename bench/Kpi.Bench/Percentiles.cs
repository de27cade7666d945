namespace AdOrleans.Kpi.Bench;

internal static class Percentiles
{
    public static string Describe(List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return $"n={ms.Count} p50={At(0.50):F2} ms p99={At(0.99):F2} ms max={ms[^1]:F2} ms";
    }
}
