using System.Globalization;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// A validated query window: buckets whose start lies in [From, To), at one granularity, optionally
/// with the previous period of equal length ([From − length, From)).
/// </summary>
public sealed record KpiRange(long From, long To, KpiGranularity Granularity, bool ComparePrevious)
{
    public static readonly TimeSpan MaxMinuteSpan = TimeSpan.FromDays(400);
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public KpiRange Previous => this with { From = From - (To - From), To = From };

    /// <summary>
    /// The coarsest granularity whose buckets both ends align with: exact totals from the fewest rows.
    /// Ends inside a minute (e.g. "now" with seconds) fall back to minutes, whose buckets count when they start in the range.
    /// </summary>
    public KpiGranularity AlignedGranularity =>
        KpiGranularities.All.Reverse().FirstOrDefault(g => From % g.Seconds() == 0 && To % g.Seconds() == 0, KpiGranularity.Minute);

    public static DateTimeOffset Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    /// <summary>
    /// Parses the query; defaults: granularity hour, <c>to</c> = the end of the current bucket,
    /// <c>from</c> = <c>to</c> − 1 h (minute), 24 h (hour) or 30 d (day). Every problem is reported, keyed by parameter.
    /// </summary>
    public static KpiRange? Parse(string? from, string? to, string? granularity, string? compare, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var g = KpiGranularity.Hour;
        if (granularity is not null && !KpiGranularities.TryParse(granularity, out g))
        {
            errors["granularity"] = ["Must be one of: minute, hour, day."];
        }

        if (compare is not null && compare != "previous")
        {
            errors["compare"] = ["Must be 'previous' or absent."];
        }

        var toTime = ParseTime(to, "to", errors);
        var fromTime = ParseTime(from, "from", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var end = toTime?.ToUnixTimeSeconds() ?? g.BucketStart(now.ToUnixTimeSeconds()) + g.Seconds();
        var start = fromTime?.ToUnixTimeSeconds() ?? end - DefaultSpan(g);
        if (start > end)
        {
            errors["from"] = ["Must not be after 'to'."];
        }
        else if (g == KpiGranularity.Minute && end - start > (long)MaxMinuteSpan.TotalSeconds)
        {
            errors["granularity"] = [$"A minute series may span at most {MaxMinuteSpan.TotalDays} days; use hour or day."];
        }

        return errors.Count > 0 ? null : new KpiRange(start, end, g, compare is not null);
    }

    private static long DefaultSpan(KpiGranularity g) => g switch
    {
        KpiGranularity.Minute => 3600,
        KpiGranularity.Hour => 86400,
        _ => 30 * 86400,
    };

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            errors[field] = ["Must be an ISO-8601 time, e.g. 2026-11-22T10:00:00Z."];
            return null;
        }

        if (time < Earliest || time > Latest)
        {
            errors[field] = [$"Must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}."];
            return null;
        }

        return time;
    }
}
