namespace AdOrleans.Grains.Kpi;

/// <summary>The window sizes rollups are kept in; the value is the bucket length in seconds (stored as such).</summary>
public enum KpiGranularity
{
    Minute = 60,
    Hour = 3600,
    Day = 86400,
}

public static class KpiGranularities
{
    public static readonly IReadOnlyList<KpiGranularity> All = [KpiGranularity.Minute, KpiGranularity.Hour, KpiGranularity.Day];

    public static long Seconds(this KpiGranularity granularity) => (long)granularity;

    /// <summary>Start (unix seconds, UTC) of the bucket holding <paramref name="unixSeconds"/>.</summary>
    public static long BucketStart(this KpiGranularity granularity, long unixSeconds) =>
        unixSeconds - (((unixSeconds % granularity.Seconds()) + granularity.Seconds()) % granularity.Seconds());

    public static string Name(this KpiGranularity granularity) => granularity switch
    {
        KpiGranularity.Minute => "minute",
        KpiGranularity.Hour => "hour",
        _ => "day",
    };

    public static bool TryParse(string? name, out KpiGranularity granularity)
    {
        foreach (var g in All)
        {
            if (string.Equals(g.Name(), name, StringComparison.Ordinal))
            {
                granularity = g;
                return true;
            }
        }

        granularity = default;
        return false;
    }
}
