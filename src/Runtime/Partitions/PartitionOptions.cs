using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Runtime;

public sealed class PartitionOptions
{
    public const string SectionName = "Partitions";

    /// <summary>Consumer group of the silos; all silos of one cluster share it.</summary>
    [Required]
    public string Group { get; set; } = "silos";

    /// <summary>Most records one partition delivers to its grains before committing state and offsets.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatch { get; set; } = 4096;

    /// <summary>How long an idle partition waits for records before checking again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First delay after a failed commit; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
