using AdOrleans.Grains.Kpi;

namespace AdOrleans.Alerts.Bench;

/// <summary>
/// One scope's KPI counters per minute (what the minute buckets hold), with prefix sums so that a window's counters
/// cost two lookups per counter, as many windows as the rule grain sums.
/// </summary>
public sealed class MinuteSeries
{
    private readonly long[][] _prefix;

    /// <summary>The counters that are ever non-zero: a window sums only these.</summary>
    private readonly int[] _used;

    public MinuteSeries(long[][] perMinute)
    {
        Minutes = perMinute.Length;
        _prefix = new long[KpiCounters.Count][];
        for (var c = 0; c < KpiCounters.Count; c++)
        {
            var prefix = _prefix[c] = new long[Minutes + 1];
            for (var m = 0; m < Minutes; m++)
            {
                prefix[m + 1] = prefix[m] + perMinute[m][c];
            }
        }

        _used = [.. Enumerable.Range(0, KpiCounters.Count).Where(c => _prefix[c][Minutes] != 0)];
    }

    public int Minutes { get; }

    /// <summary>The counters of minutes <paramref name="first"/>…<paramref name="last"/> (clipped to the series), plus a <paramref name="partial"/> share of minute last + 1.</summary>
    public long[] Sum(int first, int last, double partial = 0)
    {
        var total = KpiCounters.New();
        first = Math.Max(first, 0);
        last = Math.Min(last, Minutes - 1);
        foreach (var c in _used)
        {
            var whole = last >= first ? _prefix[c][last + 1] - _prefix[c][first] : 0;
            var next = last + 1 >= 0 && last + 1 < Minutes ? _prefix[c][last + 2] - _prefix[c][last + 1] : 0;
            total[c] = whole + (long)Math.Round(next * partial);
        }

        return total;
    }
}
