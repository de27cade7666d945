using AdOrleans.Log;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// The files of one partition. Appenders (under <see cref="FileLog"/>'s gate) serialize frames into a pending
/// buffer; the writer thread swaps it out, writes it to the active segment (rolling at the size limit), and
/// publishes a new <see cref="PartitionView"/> once the files are fsynced.
/// </summary>
internal sealed class PartitionLog : IDisposable
{
    private readonly string _directory;
    private readonly FileLogOptions _options;
    private readonly ILogger _logger;
    private Segment[] _segments;
    private long _activeSize;
    private long _writtenEnd;
    private FrameBuffer _pending = new();
    private FrameBuffer _writing = new();
    private PartitionView _view;

    public PartitionLog(TopicPartition id, string directory, Segment[] segments, long activeSize, long nextOffset, FileLogOptions options, ILogger logger)
    {
        Id = id;
        _directory = directory;
        _segments = segments;
        _activeSize = activeSize;
        _writtenEnd = nextOffset;
        NextOffset = nextOffset;
        _options = options;
        _logger = logger;
        _view = new PartitionView(segments, nextOffset, activeSize);
    }

    public TopicPartition Id { get; }

    public PartitionSignal Signal { get; } = new();

    public PartitionView View => Volatile.Read(ref _view);

    /// <summary>Offset the next appended record gets. Appender side: only under the gate.</summary>
    public long NextOffset { get; private set; }

    /// <summary>Appender side: only under the gate.</summary>
    public bool HasPending => _pending.Length > 0;

    private Segment Active => _segments[^1];

    /// <summary>Appender side: serializes one record; returns its frame size.</summary>
    public int Append(string key, int keyBytes, ReadOnlySpan<byte> value, long timestampMs)
    {
        var size = RecordFrame.Size(keyBytes, value.Length);
        RecordFrame.Write(_pending.Append(size), NextOffset++, timestampMs, key, keyBytes, value);
        return size;
    }

    /// <summary>Writer side, under the gate: what was appended so far becomes the next write.</summary>
    public void TakePending() => (_pending, _writing) = (_writing, _pending);

    /// <summary>Writer side: the frames taken for the commit in progress (the journal stores them too).</summary>
    public ReadOnlyMemory<byte> Writing => _writing.WrittenMemory;

    /// <summary>The file that holds this partition's frames written since the last fsync.</summary>
    public SafeFileHandle ActiveHandle => Active.Handle;

    /// <summary>
    /// Recovery: appends the journal's frames from this partition's next offset on; frames it already has are skipped.
    /// Stops at a torn frame (a commit the crash interrupted). Returns how many frames it appended.
    /// </summary>
    public int Restore(ReadOnlySpan<byte> frames, int maxFrame)
    {
        var restored = 0;
        while (RecordFrame.TryParse(frames, maxFrame, out var frame, out _) == FrameStatus.Valid)
        {
            if (frame.Offset > NextOffset)
            {
                throw new InvalidDataException($"{Id}: the journal continues at offset {frame.Offset} but the segment files end at {NextOffset}.");
            }

            if (frame.Offset == NextOffset)
            {
                frames[..frame.Size].CopyTo(_pending.Append(frame.Size));
                NextOffset++;
                restored++;
            }

            frames = frames[frame.Size..];
        }

        return restored;
    }

    /// <summary>Writer side: writes the taken frames to the page cache (the journal's fsync makes them durable).</summary>
    public void WritePending()
    {
        var data = _writing.Written;
        var start = 0;
        for (var at = 0; at < data.Length;)
        {
            var frame = data[at..];
            var size = RecordFrame.SizeAt(frame);
            var offset = RecordFrame.OffsetAt(frame);
            if (_activeSize + (at - start) > 0 && _activeSize + (at - start) + size > _options.SegmentBytes)
            {
                Write(data[start..at]);
                start = at;
                Roll(offset);
            }

            Active.Track(offset, _activeSize + (at - start));
            _writtenEnd = offset + 1;
            at += size;
        }

        Write(data[start..]);
    }

    /// <summary>Writer side, after the journal's fsync: readers may now see everything written.</summary>
    public void Publish()
    {
        _writing.Clear();
        Volatile.Write(ref _view, new PartitionView(_segments, _writtenEnd, _activeSize));
        Signal.Pulse();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        RandomAccess.Write(Active.Handle, bytes, _activeSize);
        _activeSize += bytes.Length;
    }

    private void Roll(long baseOffset)
    {
        // Every segment but the last is complete on disk, so recovery only has to check the last one.
        RandomAccess.FlushToDisk(Active.Handle);
        Active.SealedSize = _activeSize;
        var next = Segment.Create(_directory, baseOffset, _options.IndexIntervalBytes);
        DurableDirectory.Flush(_directory);
        _segments = [.. _segments, next];
        _activeSize = 0;
        FileLogLog.SegmentRolled(_logger, Id.Topic, Id.Partition, baseOffset);
    }

    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }
    }
}
