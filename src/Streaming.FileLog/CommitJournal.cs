using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// The file a group commit makes durable. Each commit writes its partitions' new frames to their segment files
/// (page cache only) and the same frames, one <see cref="JournalChunk"/> per partition, to the end of the journal,
/// then fsyncs the journal alone: one fsync per commit however many partitions it touched (sixteen partition files
/// fsynced together took ~4 ms here, one appended file ~0.3 ms). Once the journal outgrows
/// <see cref="FileLogOptions.JournalBytes"/> the segment files are fsynced and the journal starts afresh, so
/// recovery replays at most that much (<see cref="JournalReplay"/>).
/// </summary>
internal sealed class CommitJournal : IDisposable
{
    public const string DirectoryName = ".journal";

    private readonly string _directory;
    private readonly List<ReadOnlyMemory<byte>> _buffers = [];
    private SafeFileHandle _file;
    private long _sequence;

    private CommitJournal(string directory, long sequence)
    {
        _directory = directory;
        _sequence = sequence;
        _file = Create(directory, sequence);
    }

    /// <summary>Bytes in the current journal file.</summary>
    public long Length { get; private set; }

    /// <summary>Starts a journal after every file in <paramref name="directory"/> (replayed and flushed by the caller) and deletes those.</summary>
    public static CommitJournal Start(string directory)
    {
        DurableDirectory.Create(directory);
        var old = Files(directory);
        var journal = new CommitJournal(directory, old.Count == 0 ? 0 : old[^1].Sequence + 1);
        journal.DeleteBefore(journal._sequence);
        return journal;
    }

    /// <summary>Journal files in the order they were written.</summary>
    public static List<(long Sequence, string Path)> Files(string directory)
    {
        var files = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.wal"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
            {
                files.Add((sequence, path));
            }
        }

        files.Sort();
        return files;
    }

    /// <summary>Appends the frames each partition took for this commit and fsyncs: once this returns they survive a crash.</summary>
    public void Append(IReadOnlyList<PartitionLog> partitions)
    {
        _buffers.Clear();
        var bytes = 0L;
        foreach (var partition in partitions)
        {
            var frames = partition.Writing;
            if (frames.Length == 0)
            {
                continue;
            }

            var header = JournalChunk.Header(partition.Id, frames.Length);
            _buffers.Add(header);
            _buffers.Add(frames);
            bytes += header.Length + frames.Length;
        }

        if (bytes == 0)
        {
            return;
        }

        RandomAccess.Write(_file, _buffers, Length);
        RandomAccess.FlushToDisk(_file);
        Length += bytes;
    }

    /// <summary>After the segment files were fsynced: what the journal holds is on disk twice, so a new one starts.</summary>
    public void Restart()
    {
        var next = Create(_directory, _sequence + 1);
        _file.Dispose();
        (_file, _sequence, Length) = (next, _sequence + 1, 0);
        DeleteBefore(_sequence);
    }

    public void Dispose() => _file.Dispose();

    private void DeleteBefore(long sequence)
    {
        foreach (var (old, path) in Files(_directory))
        {
            if (old < sequence)
            {
                File.Delete(path);
            }
        }

        // Makes the new journal's name durable (its fsyncs cover only its contents). A deleted journal that
        // reappears after a crash replays nothing new: its frames are already in the flushed segment files.
        DurableDirectory.Flush(_directory);
    }

    private static SafeFileHandle Create(string directory, long sequence) =>
        File.OpenHandle(Path.Combine(directory, sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".wal"), FileMode.CreateNew, FileAccess.ReadWrite);
}
