namespace AdOrleans.Grains.Alerts;

/// <summary>
/// The anomaly rules' robust model: how far the current value is from the same window on past days, in robust standard
/// deviations, z = (value − median) / (1.4826 × MAD). The scale is floored at the metric's sampling noise at the
/// median (<c>noise</c>: √count for a counter, √(p(1 − p)/n) for a proportion), because the MAD of two weeks of days
/// is itself noisy and, when it comes out small by chance, turns ordinary noise into "anomalies" (bench/Alerts.Bench,
/// z 3: about 90 false alarms a week per rule without this floor, 4–13 with it), and at 1 % of |median| (and 1e-9),
/// so a perfectly flat history does not turn every small wiggle into an anomaly. Null until <c>warmupDays</c> past
/// days with data passed the volume guard.
/// </summary>
public static class AnomalyModel
{
    /// <summary>Makes the MAD of a normal distribution its standard deviation.</summary>
    public const double NormalConsistency = 1.4826;

    /// <param name="noise">The metric's sampling noise at a level (one standard deviation); none: no such floor.</param>
    public static double? Score(double? value, IReadOnlyList<double> baseline, int warmupDays, Func<double, double>? noise = null)
    {
        if (value is null || baseline.Count < warmupDays || baseline.Count == 0)
        {
            return null;
        }

        var median = Median(baseline);
        var mad = Median([.. baseline.Select(b => Math.Abs(b - median))]);
        var scale = Math.Max(Math.Max(NormalConsistency * mad, noise?.Invoke(median) ?? 0), Math.Max(0.01 * Math.Abs(median), 1e-9));
        return (value.Value - median) / scale;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
