using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Kpi;

/// <summary>Settings of KPI aggregation (section <c>Kpi</c>).</summary>
public sealed class KpiOptions
{
    public const string SectionName = "Kpi";

    /// <summary>
    /// How far behind the newest event time an aggregator has seen an event may occur and still be
    /// counted in its window (as restated). Older events only raise the too-late counter.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Lateness { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Window in which a second impression or click of an auction is recognised (repeated eventIds are dropped by the stream receiver).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Auctions remembered for that rule over all partition aggregators, an equal share each (~100 B per auction).
    /// Until session 26 it counted per aggregator (200,000 × 16 partitions); a total keeps the bound when the
    /// partition count changes.
    /// </summary>
    [Range(2, 100_000_000)]
    public int DedupeCapacity { get; set; } = 3_200_000;

    /// <summary>One aggregator's share of <see cref="DedupeCapacity"/>, rounded up.</summary>
    public int DedupeCapacityPerPartition(int partitions) => Math.Max(2, (DedupeCapacity + partitions - 1) / partitions);

    /// <summary>Buyers the aggregation remembers per log key to tell a first purchase (new customer) from a repeat one.</summary>
    [Range(1, 1_000_000)]
    public int MaxCustomers { get; set; } = 10_000;

    /// <summary>Open web sessions the aggregation tracks per log key for bounce detection.</summary>
    [Range(1, 1_000_000)]
    public int MaxOpenSessions { get; set; } = 2_000;

    /// <summary>A session without activity for this long is over: later pageviews are not attributed to it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Segments of one event counted as dimensions; the rest are ignored (bounds rows per event).</summary>
    [Range(0, 100)]
    public int MaxSegmentsPerEvent { get; set; } = 16;

    /// <summary>
    /// Distinct geos, and separately devices, each log key counts per UTC day of event time; further values count as
    /// <c>other</c>. Geo and device are client-supplied codes, so this bounds the rollup rows a client can create.
    /// </summary>
    [Range(1, 1000)]
    public int MaxCodesPerDay { get; set; } = 64;
}
