using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Log;

public sealed class LogOptions
{
    public const string SectionName = "Log";

    /// <summary>Partitions of every topic; all topics share it so that they are co-partitioned. Fixed for the life of a data directory.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

}
