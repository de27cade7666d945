using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// What the KPI aggregation keeps per log key between events. Rollup values themselves live only in the store
/// (the aggregator emits deltas), so state stays small: a watermark, counters, and two capped working sets.
/// </summary>
public sealed class KpiKeyState
{
    /// <summary>Newest event time seen; lateness is measured from it.</summary>
    public DateTimeOffset? Watermark { get; set; }

    public long Events { get; set; }

    public long Duplicates { get; set; }

    public long Restated { get; set; }

    public long TooLate { get; set; }

    /// <summary>Buyers seen, oldest first; capped at <see cref="KpiOptions.MaxCustomers"/>.</summary>
    public List<string> Customers { get; set; } = [];

    /// <summary>Open web sessions by userId; capped at <see cref="KpiOptions.MaxOpenSessions"/>.</summary>
    public Dictionary<string, OpenSession> Sessions { get; set; } = new(StringComparer.Ordinal);

    private HashSet<string>? _customerSet;

    [JsonIgnore]
    internal HashSet<string> CustomerSet => _customerSet ??= new HashSet<string>(Customers, StringComparer.Ordinal);
}

/// <summary>A web session: the minute bucket it started in, pageviews so far, last activity.</summary>
public sealed class OpenSession
{
    public long StartedAtSeconds { get; set; }

    public int Pageviews { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
