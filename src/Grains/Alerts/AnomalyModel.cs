namespace AdOrleans.Grains.Alerts;

/// <summary>
/// The anomaly rules' robust model: how far the current value is from the same window on past days, in robust standard
/// deviations, z = (value − median) / (1.4826 × MAD). The scale is floored at 1 % of |median| (and 1e-9), so a
/// perfectly flat history does not turn every small wiggle into an anomaly. Null until <c>warmupDays</c> past days
/// with data passed the volume guard.
/// </summary>
public static class AnomalyModel
{
    /// <summary>Makes the MAD of a normal distribution its standard deviation.</summary>
    public const double NormalConsistency = 1.4826;

    public static double? Score(double? value, IReadOnlyList<double> baseline, int warmupDays)
    {
        if (value is null || baseline.Count < warmupDays || baseline.Count == 0)
        {
            return null;
        }

        var median = Median(baseline);
        var mad = Median([.. baseline.Select(b => Math.Abs(b - median))]);
        var scale = Math.Max(NormalConsistency * mad, Math.Max(0.01 * Math.Abs(median), 1e-9));
        return (value.Value - median) / scale;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
