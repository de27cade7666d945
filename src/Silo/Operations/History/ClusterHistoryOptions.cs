using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Silo.Operations.History;

/// <summary>How often the dashboard's cluster history is sampled and how much of it is kept in memory.</summary>
public sealed class ClusterHistoryOptions
{
    public const string SectionName = "ClusterHistory";

    /// <summary>Time between two samples of <c>/v1/cluster</c>; rates and interval latencies are computed over it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Samples kept (720 × 5 s = 1 h); about 1 KB each per grain type, so memory stays small.</summary>
    [Range(2, 100_000)]
    public int Capacity { get; set; } = 720;
}
