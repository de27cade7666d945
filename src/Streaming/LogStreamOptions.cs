using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Streaming;

/// <summary>How the log is read into Orleans streams (section <c>Streams</c>).</summary>
public sealed class LogStreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>How often an idle events queue is polled. Sets the latency from append to grain when traffic is low.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often the commands topic's queues are polled (their own stream provider,
    /// <see cref="StreamNamespaces.CommandsProviderName"/>). A command is applied by its grain before the admin call
    /// returns; its stream delivery only lets the grain recognise it (or apply it after a crash between the append and
    /// the grain's write), so nothing waits for it. Each poll of a queue costs a timer turn and a scan of every stream
    /// its cache holds (10,000 campaigns after seeding), so these polls are kept rare.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan CommandsPollPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A queue that read records less than this long ago, and did not fill that read, skips its polls until this has
    /// passed (in steps of <see cref="PollPeriod"/>), so that a steady trickle of single events reaches the grains in
    /// fewer, larger deliveries: each delivery is a grain turn and a state write per partition. A quiet queue's next
    /// record, and a backlog, are read at the next poll. Measured (docs/benchmarks-ingest.md): 20 ms cut CPU per
    /// single event by ~15 % and raised the idle-silo freshness p99 from 17 to 27 ms; 25 ms (three polls) by ~30 %,
    /// p99 39 ms. 0 reads at every poll.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A stream without records for this long leaves its pulling agent's cache (and re-registers with its next
    /// record). Every poll of a queue scans that cache, so thousands of idle campaign streams cost CPU 100 times a
    /// second per queue (~5 % of the service under auction load with 10,000 campaigns, profiled); Orleans' default is 30 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan StreamInactivity { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Log records read per poll of one queue (a poll makes no more containers than the cache takes in one add, a tenth of
    /// <see cref="CacheSize"/>; records beyond wait for the next poll). A poll is one turn of its partition's event
    /// aggregator and one state write: larger polls merge more events into each row written and share more pages per
    /// commit. Measured with 100,000 new keys (docs/benchmarks.md, session 29): 4,096 drained 34–48 k events/s, 8,192
    /// with a 32,768-record cache 47–58 k.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerPoll { get; set; } = 8_192;

    /// <summary>Batch containers each queue's cache holds; a tenth of it may be added per poll.</summary>
    [Range(64, 1_000_000)]
    public int CacheSize { get; set; } = 32_768;

    /// <summary>
    /// Log records each queue's cache holds, read but not yet delivered to every grain (counted once per container
    /// that carries them): the pulling agent stops reading beyond it. Bounds memory when the grains fall behind a
    /// backlog (~0.5 KB per record: 4 queues × 32,768 ≈ 65 MB, 16 ≈ 260 MB). At least two polls
    /// (<see cref="MaxRecordsPerPoll"/>), so the next poll is read while the one before is being delivered.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int CacheRecords { get; set; } = 32_768;

    /// <summary>
    /// Containers of one stream delivered to its grain in one call. Above 1, Orleans' cache may drop the earlier
    /// containers of a batch while it is still being delivered, and the checkpoint (which follows the cache) could
    /// then pass records whose effect is not yet durable, and a crash in that moment would lose them. Keep it at 1
    /// unless that risk is acceptable. See docs/streams.md.
    /// </summary>
    [Range(1, 1_000)]
    public int DeliveryBatchSize { get; set; } = 1;

    /// <summary>
    /// How long one delivery is retried (with back-off) before its records are dead-lettered and the stream goes on.
    /// Storage outages shorter than this lose nothing and dead-letter nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A repeated eventId within this window (by record time) is dropped. Covers token lifetime + 1 h.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// EventIds remembered over all events partitions, an equal share per partition (~11.5 B each as hashes; 13 B where
    /// a partition's share is above 2,097,151); the oldest of a partition are forgotten beyond its share. The default
    /// bounds the windows to 88 MiB (docs/memory.md): at 25,000 events/s that still catches a retry sent within
    /// 5 minutes of the original, at the demo's rates within hours. Until session 26 it counted per partition (500,000).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int DedupeCapacity { get; set; } = 8_000_000;

    /// <summary>A partition's share of <see cref="DedupeCapacity"/>, rounded up.</summary>
    public int DedupeCapacityPerPartition(int partitions) => (DedupeCapacity + partitions - 1) / partitions;

    /// <summary>Name under which queue checkpoints are stored (kept from the partition workers, so data directories carry over).</summary>
    [Required]
    public string CheckpointGroup { get; set; } = "silos";
}
