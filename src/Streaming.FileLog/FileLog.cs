using System.Diagnostics;
using System.Globalization;
using AdOrleans.Log;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// The durable local log of embedded mode: <c>&lt;dir&gt;/&lt;topic&gt;/&lt;partition&gt;/&lt;baseOffset&gt;.log</c> segment files
/// with group commit. Appends are serialized into per-partition buffers; one writer thread writes whatever has
/// accumulated to the segment files and to one journal (<see cref="CommitJournal"/>), fsyncs the journal, and only
/// then acknowledges the appends and shows the records to readers. The constructor recovers the files (torn tails
/// are cut off, then what the journal holds beyond them is appended again).
/// </summary>
public sealed partial class FileLog : IPartitionedLog
{
    private readonly FileLogOptions _options;
    private readonly ILogger<FileLog> _logger;
    private readonly Dictionary<string, PartitionLog[]> _topics = [];
    private readonly SafeFileHandle _directoryLock;
    private readonly FlushPool _flushPool;
    private readonly CommitJournal _journal;
    private readonly Lock _gate = new();
    private List<PartitionLog> _dirty = [];
    private TaskCompletionSource _commit = NewCommit();
    private long _pendingBytes;
    private bool _disposed;
    private Exception? _failure;

    public FileLog(FileLogOptions options, ILogger<FileLog> logger)
    {
        options.Validate();
        _options = options;
        _logger = logger;
        var started = Stopwatch.GetTimestamp();
        DurableDirectory.Create(options.Directory);
        PartitionDirectories.EnsureMatch(options.Directory, options.Topics);
        _directoryLock = DirectorySync.Lock(options.Directory);
        try
        {
            var cursor = new FrameCursor(options.ReadBufferBytes, options.MaxRecordBytes);
            foreach (var (topic, count) in options.Topics)
            {
                _topics[topic] = new PartitionLog[count];
                for (var p = 0; p < count; p++)
                {
                    var directory = Path.Combine(options.Directory, topic, p.ToString(CultureInfo.InvariantCulture));
                    _topics[topic][p] = PartitionRecovery.Open(new TopicPartition(topic, p), directory, options, cursor, logger);
                }
            }

            _flushPool = new FlushPool(options.FlushThreads);
            _journal = OpenJournal(options, logger);
        }
        catch
        {
            _flushPool?.Dispose();
            CloseFiles();
            throw;
        }

        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "FileLog writer" };
        _writer.Start();
        FileLogLog.Opened(logger, options.Directory, _topics.Values.Sum(p => p.Length), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public IReadOnlyList<string> Topics => [.. _topics.Keys];

    public int PartitionCount(string topic) => Get(topic).Length;

    public ValueTask<long> EndOffsetAsync(TopicPartition partition, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Get(partition).View.EndOffset);

    public IPartitionReader OpenReader(TopicPartition partition, long fromOffset) => new FileLogReader(Get(partition), fromOffset, _options);

    /// <summary>File readers are independent of each other: a scan is one more.</summary>
    public async Task ScanAsync(TopicPartition partition, long fromOffset, long toOffset, Action<LogRecord> each, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var reader = OpenReader(partition, fromOffset);
        await PartitionScan.ScanAsync(reader, toOffset, each, timeout, cancellationToken);
    }

    private PartitionLog[] Get(string topic) =>
        _topics.TryGetValue(topic, out var partitions) ? partitions : throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));

    private PartitionLog Get(TopicPartition partition)
    {
        var partitions = Get(partition.Topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition.Partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition.Partition, partitions.Length);
        return partitions[partition.Partition];
    }

    /// <summary>Replays the journal into the segment files, fsyncs every file it mentioned, and starts a new journal.</summary>
    private CommitJournal OpenJournal(FileLogOptions options, ILogger logger)
    {
        var directory = Path.Combine(options.Directory, CommitJournal.DirectoryName);
        var mentioned = JournalReplay.Run(directory, id => _topics.TryGetValue(id.Topic, out var p) && id.Partition >= 0 && id.Partition < p.Length ? p[id.Partition] : null, options, logger);
        foreach (var partition in mentioned)
        {
            partition.TakePending();
            partition.WritePending();
            partition.Publish();
        }

        if (mentioned.Count > 0)
        {
            _flushPool.FlushAll([.. mentioned.Select(p => p.ActiveHandle)]);
        }

        return CommitJournal.Start(directory);
    }

    /// <summary>Continuations run on the thread that completes it: a pool thread for success, see <see cref="TryCommit"/>.</summary>
    private static TaskCompletionSource NewCommit() => new();
}
