using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Kpi;

/// <summary>Settings of the live KPI stream (section <c>Kpi:Stream</c>).</summary>
public sealed class KpiStreamOptions
{
    public const string SectionName = "Kpi:Stream";

    /// <summary>Changes kept in memory for clients resuming with Last-Event-ID; older ones get a <c>reset</c>.</summary>
    [Range(16, 10_000_000)]
    public int Capacity { get; set; } = 65_536;

    /// <summary>
    /// How long after the last client left committed changes are still read back into the feed, so that a client
    /// reconnecting with Last-Event-ID within it misses nothing. Beyond it (and before any client came) nothing is
    /// read, and a client resuming from an earlier id gets a <c>reset</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A comment line is sent this often on an idle stream so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
