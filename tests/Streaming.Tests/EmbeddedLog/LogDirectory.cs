using System.Text;
using AdOrleans.Streaming.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

/// <summary>A temporary log directory, deleted afterwards, and helpers to open and read a <see cref="FileLog"/> in it.</summary>
internal sealed class LogDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "adorleans-filelog-" + Guid.NewGuid().ToString("N"));

    public FileLog Open(int partitions = 4, long segmentBytes = 64L << 20, int indexIntervalBytes = 64 << 10, long journalBytes = 64L << 20) => new(
        new FileLogOptions
        {
            Directory = Path,
            Topics = new() { ["events"] = partitions },
            SegmentBytes = segmentBytes,
            IndexIntervalBytes = indexIntervalBytes,
            JournalBytes = journalBytes,
        },
        NullLogger<FileLog>.Instance);

    /// <summary>
    /// The files as a crash would leave them while the log is open (everything but the lock, which the open log holds),
    /// in a new directory: what the disk holds after kill -9, and — with segment tails cut — after a power loss.
    /// </summary>
    public LogDirectory CrashCopy()
    {
        var copy = new LogDirectory();
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Where(f => System.IO.Path.GetFileName(f) != ".lock"))
        {
            var target = System.IO.Path.Combine(copy.Path, System.IO.Path.GetRelativePath(Path, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var destination = File.Create(target);
            source.CopyTo(destination);
        }

        return copy;
    }

    public string[] Journals() => [.. Directory.GetFiles(System.IO.Path.Combine(Path, ".journal"), "*.wal").Order(StringComparer.Ordinal)];

    public string[] Segments(int partition) =>
        [.. Directory.GetFiles(System.IO.Path.Combine(Path, "events", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)), "*.log").Order(StringComparer.Ordinal)];

    public static LogMessage Message(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    public static string Text(LogRecord record) => Encoding.UTF8.GetString(record.Value.Span);

    /// <summary>Everything durable from <paramref name="from"/> on, read in small batches to exercise resuming.</summary>
    public static List<LogRecord> ReadAll(IPartitionedLog log, int partition, long from = 0, int batch = 7)
    {
        using var reader = log.OpenReader(new TopicPartition("events", partition), from);
        var records = new List<LogRecord>();
        while (reader.Read(records, batch) > 0)
        {
        }

        Assert.Equal(from + records.Count, reader.Position);
        return records;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
