using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Log;

public sealed class LogOptions
{
    public const string SectionName = "Log";

    /// <summary>
    /// The embedded default when <see cref="Partitions"/> is not set and the data directory is new. Every partition is a
    /// queue polled on its own, and each of its deliveries costs a grain turn and a state write, so on one process
    /// fewer, fuller partitions are cheaper: measured, 4 partitions against 16 cut the CPU per single event by about a third
    /// (docs/benchmarks-ingest.md, "Session 26").
    /// </summary>
    public const int EmbeddedPartitions = 4;

    /// <summary>
    /// Partitions of every topic; all topics share it so that they are co-partitioned. Fixed for the life of a data
    /// directory or of the Kafka topics. Unset in embedded mode: the data directory's own count, or
    /// <see cref="EmbeddedPartitions"/> for a new one. With Kafka: 16 unless set (a cluster spreads partitions over its silos).
    /// </summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;
}
