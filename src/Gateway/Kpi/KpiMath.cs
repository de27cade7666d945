namespace AdOrleans.Gateway.Kpi;

/// <summary>Ratios over integer counters: null when the denominator is 0, so JSON never sees NaN or infinity.</summary>
public static class KpiMath
{
    public static double? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;

    /// <summary>numerator × scale / denominator in micros, rounded half away from zero; decimal so spend × 1000 cannot overflow.</summary>
    public static long? Micros(long numerator, long denominator, long scale = 1) =>
        denominator == 0 ? null : (long)Math.Round((decimal)numerator * scale / denominator, MidpointRounding.AwayFromZero);

    public static long[] Sum(IEnumerable<long[]> rows)
    {
        var total = AdOrleans.Grains.Kpi.KpiCounters.New();
        foreach (var row in rows)
        {
            AdOrleans.Grains.Kpi.KpiCounters.AddTo(total, row);
        }

        return total;
    }
}
