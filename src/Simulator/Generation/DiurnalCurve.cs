namespace AdOrleans.Simulator.Generation;

/// <summary>
/// Traffic by hour of day: a cosine around the mean with its peak at <c>peakHourUtc</c>. The multiplier averages
/// exactly 1 over a day, so the configured rate is the daily mean; peak/trough = (1 + A) / (1 − A).
/// </summary>
public sealed class DiurnalCurve(double amplitude, double peakHourUtc)
{
    public double Amplitude { get; } = amplitude;

    public double PeakHourUtc { get; } = peakHourUtc;

    public double Multiplier(DateTimeOffset time)
    {
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        return 1 + Amplitude * Math.Cos(2 * Math.PI * (hour - PeakHourUtc) / 24);
    }
}
