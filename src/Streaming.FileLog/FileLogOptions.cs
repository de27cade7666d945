using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace AdOrleans.Streaming.Files;

/// <summary>Settings of the durable local log used in embedded mode.</summary>
public sealed partial class FileLogOptions
{
    public const string SectionName = "FileLog";

    /// <summary>Root directory; each partition lives in <c>&lt;Directory&gt;/&lt;topic&gt;/&lt;partition&gt;/</c>.</summary>
    [Required]
    public string Directory { get; set; } = "data/log";

    /// <summary>Topic name → partition count. The count must not change between runs: keys would move partitions.</summary>
    [Required]
    public Dictionary<string, int> Topics { get; set; } = [];

    /// <summary>A segment file is closed and a new one started once it would grow past this size.</summary>
    [Range(4096, long.MaxValue)]
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>
    /// Extra time the writer waits after waking before it writes, to gather more appends into one fsync.
    /// Zero still groups commits: everything appended while the previous fsync ran shares the next one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Threads that fsync the segment files in parallel at a journal checkpoint, besides the writer. One fsync costs
    /// ~1.3 ms here and they overlap almost fully, so up to one per partition pays off; the threads only wait on the disk.
    /// </summary>
    [Range(0, 256)]
    public int FlushThreads { get; set; } = 16;

    /// <summary>
    /// Size past which the commit journal is checkpointed: the segment files are fsynced and the journal starts
    /// afresh. Bounds what recovery replays (and reads into memory) after a crash; each checkpoint pauses commits
    /// for the time of those fsyncs (a few ms).
    /// </summary>
    [Range(1 << 16, 1L << 32)]
    public long JournalBytes { get; set; } = 64L << 20;

    /// <summary>Bytes between entries of a segment's in-memory sparse index: bounds the scan after a seek.</summary>
    [Range(256, 16 << 20)]
    public int IndexIntervalBytes { get; set; } = 64 << 10;

    /// <summary>
    /// Chunk a reader fetches with one positional read; many records are parsed from it (longer frames grow it). Every
    /// reader keeps one: ~50 in the embedded default, 3 MiB at 64 KiB, 12 MiB at 256 KiB (docs/memory.md).
    /// </summary>
    [Range(4096, 64 << 20)]
    public int ReadBufferBytes { get; set; } = 64 << 10;

    /// <summary>Largest record frame; longer appends are rejected, longer frames on disk are treated as corruption.</summary>
    [Range(64, 1 << 30)]
    public int MaxRecordBytes { get; set; } = 16 << 20;

    /// <summary>Appenders wait for the commit in progress once this many bytes are queued, so a slow disk pushes back.</summary>
    [Range(1 << 16, long.MaxValue)]
    public long MaxPendingBytes { get; set; } = 64L << 20;

    /// <summary>Checks the ranges above, and what attributes cannot say: topic names become directory names.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (Topics.Count == 0)
        {
            throw new ArgumentException("The local log needs at least one topic.", nameof(Topics));
        }

        foreach (var (topic, count) in Topics)
        {
            if (!TopicName().IsMatch(topic) || topic == CommitJournal.DirectoryName || count < 1)
            {
                throw new ArgumentException($"Topic '{topic}' with {count} partitions: names are [A-Za-z0-9._-] (not . or .. or .journal), counts at least 1.", nameof(Topics));
            }
        }
    }

    [GeneratedRegex(@"^(?!\.{1,2}$)[A-Za-z0-9._-]{1,200}$")]
    private static partial Regex TopicName();
}
