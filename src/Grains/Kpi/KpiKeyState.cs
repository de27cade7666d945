using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// What the KPI aggregation keeps per log key between events. Rollup values themselves live only in the store
/// (the aggregator emits deltas), so state stays small: a watermark, counters, and two capped working sets.
/// </summary>
public sealed class KpiKeyState
{
    /// <summary>The dimensions of this key's last event, shared by its next events while they are the same (not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal KpiDimensionKey[] LastDimensions { get; set; } = [];

    /// <summary>Newest event time seen; lateness is measured from it.</summary>
    public DateTimeOffset? Watermark { get; set; }

    public long Events { get; set; }

    public long Duplicates { get; set; }

    public long Restated { get; set; }

    public long TooLate { get; set; }

    /// <summary>Buyers seen, oldest first; capped at <see cref="KpiOptions.MaxCustomers"/>.</summary>
    public List<string> Customers { get; set; } = [];

    /// <summary>
    /// EventIds of the cost reports counted, oldest first, capped at <see cref="MaxCostReports"/>: a report re-sent after
    /// the stream receiver's dedupe window is still counted once.
    /// </summary>
    public List<string> CostReports { get; set; } = [];

    public const int MaxCostReports = 10_000;

    /// <summary>Open web sessions by userId; capped at <see cref="KpiOptions.MaxOpenSessions"/>.</summary>
    public Dictionary<string, OpenSession> Sessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>UTC day (days since the epoch, by event time) that <see cref="Geos"/> and <see cref="Devices"/> count.</summary>
    public long CodeDay { get; set; }

    /// <summary>Geos counted under their own id on <see cref="CodeDay"/>; capped at <see cref="KpiOptions.MaxCodesPerDay"/>.</summary>
    public List<string> Geos { get; set; } = [];

    /// <summary>Devices counted under their own id on <see cref="CodeDay"/>; capped at <see cref="KpiOptions.MaxCodesPerDay"/>.</summary>
    public List<string> Devices { get; set; } = [];

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
