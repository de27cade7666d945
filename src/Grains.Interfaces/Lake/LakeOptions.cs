using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Lake;

/// <summary>Settings of the Parquet lake and its SQL endpoint (section <c>Lake</c>, docs/lake.md).</summary>
public sealed class LakeOptions
{
    public const string SectionName = "Lake";

    /// <summary>When false nothing is archived (the archivers still see every delivery and acknowledge it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The lake's directory; empty: <c>&lt;DataDirectory&gt;/lake</c> (the host resolves it; in a host that does not, the
    /// archivers stay idle). Distributed: a volume every silo and gateway mounts.
    /// </summary>
    public string Root { get; set; } = "";

    /// <summary>How long an archiver buffers events before writing them (the lake's delay behind the log).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Buffered events that force a write before the interval ends (bounds an archiver's memory).</summary>
    [Range(1, 1_000_000)]
    public int MaxBufferedEvents { get; set; } = 20_000;

    /// <summary>A file with fewer rows than this is small: compaction merges small files of one date, channel and partition.</summary>
    [Range(1, 100_000_000)]
    public int TargetFileRows { get; set; } = 1_000_000;

    /// <summary>
    /// Rows a merge holds in memory before writing them as one row group of the merged file (~400 B each): bounds
    /// compaction's memory per archiver whatever <see cref="TargetFileRows"/> is.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MergeRowGroupRows { get; set; } = 100_000;

    /// <summary>Small files of one group that trigger compaction on the current day (past days are always merged to one).</summary>
    [Range(2, 10_000)]
    public int CompactMinFiles { get; set; } = 8;

    /// <summary>How often an archiver compacts and applies retention.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Date partitions older than this many days (by the UTC date of occurredAt) are deleted; 0 keeps everything.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>
    /// How long after its end an hour of billing lines is archived. Campaign grains add an event to the hour it was
    /// received in, so an hour is final once the log's lag is below this; a later change is not in the lake.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan BillingCloseAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound of a query's <c>maxRows</c>.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueryRows { get; set; } = 10_000;

    /// <summary>Upper bound of a query's <c>timeoutSeconds</c>.</summary>
    [Range(1, 3600)]
    public int MaxQueryTimeoutSeconds { get; set; } = 30;

    /// <summary>Queries run at once per gateway; more wait for a slot within their timeout.</summary>
    [Range(1, 64)]
    public int MaxConcurrentQueries { get; set; } = 2;

    /// <summary>DuckDB threads per query (the silo shares the cores).</summary>
    [Range(1, 64)]
    public int QueryThreads { get; set; } = 1;

    /// <summary>DuckDB memory limit per query, in DuckDB's syntax.</summary>
    [Required]
    [RegularExpression(@"^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$")]
    public string QueryMemoryLimit { get; set; } = "512MB";
}
