using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// One segment file, <c>&lt;baseOffset:D20&gt;.log</c>, and its sparse in-memory index (offset → file position,
/// one entry per <see cref="FileLogOptions.IndexIntervalBytes"/>) so a reader seeks without scanning the file.
/// </summary>
internal sealed class Segment : IDisposable
{
    private readonly Lock _indexLock = new();
    private readonly int _indexInterval;
    private long[] _offsets = new long[16];
    private long[] _positions = new long[16];
    private int _count;
    private long _lastIndexed;
    private long _sealedSize = -1;

    // False only for segments sealed before this process started: their index is built when a reader first seeks into them.
    private bool _indexed;

    private Segment(string directory, long baseOffset, int indexInterval, FileMode mode, bool indexed)
    {
        BaseOffset = baseOffset;
        Path = System.IO.Path.Combine(directory, FileName(baseOffset));
        _indexInterval = indexInterval;
        _indexed = indexed;
        Handle = File.OpenHandle(Path, mode, FileAccess.ReadWrite, FileShare.Read);
    }

    public long BaseOffset { get; }

    public string Path { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>Final size once a later segment exists; readers of the last segment use the partition view's size instead.</summary>
    public long SealedSize
    {
        get => Volatile.Read(ref _sealedSize);
        set => Volatile.Write(ref _sealedSize, value);
    }

    public static Segment Create(string directory, long baseOffset, int indexInterval) =>
        new(directory, baseOffset, indexInterval, FileMode.CreateNew, indexed: true);

    public static Segment Open(string directory, long baseOffset, int indexInterval, bool indexed) =>
        new(directory, baseOffset, indexInterval, FileMode.Open, indexed);

    public static string FileName(long baseOffset) => baseOffset.ToString("D20", CultureInfo.InvariantCulture) + ".log";

    public static bool TryParseFileName(string path, out long baseOffset)
    {
        baseOffset = 0;
        return System.IO.Path.GetExtension(path) == ".log"
            && long.TryParse(System.IO.Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out baseOffset);
    }

    /// <summary>Notes a frame at <paramref name="position"/>; indexes it if it is far enough from the last entry.</summary>
    public void Track(long offset, long position)
    {
        if (position - _lastIndexed < _indexInterval)
        {
            return;
        }

        _lastIndexed = position;
        lock (_indexLock)
        {
            if (_count == _offsets.Length)
            {
                Array.Resize(ref _offsets, _count * 2);
                Array.Resize(ref _positions, _count * 2);
            }

            _offsets[_count] = offset;
            _positions[_count] = position;
            _count++;
        }
    }

    /// <summary>
    /// Walks the frames from the start up to <paramref name="length"/>, checking each CRC and that offsets run densely
    /// from <see cref="BaseOffset"/>, and indexes them. Returns where the valid frames end and the offset after them.
    /// </summary>
    public (long ValidBytes, long NextOffset) Scan(FrameCursor cursor, long length)
    {
        cursor.Reset(Handle, 0);
        var next = BaseOffset;
        while (cursor.Peek(length, out var frame) == FrameStatus.Valid && frame.Offset == next)
        {
            Track(next, cursor.Position);
            cursor.Advance(frame);
            next++;
        }

        return (cursor.Position, next);
    }

    /// <summary>Position of an indexed frame at or before <paramref name="offset"/>, from which a reader scans forward.</summary>
    public long PositionBefore(long offset, FrameCursor cursor)
    {
        lock (_indexLock)
        {
            if (!_indexed)
            {
                Scan(cursor, SealedSize);
                _indexed = true;
            }

            var i = Array.BinarySearch(_offsets, 0, _count, offset);
            i = i >= 0 ? i : ~i - 1;
            return i >= 0 ? _positions[i] : 0;
        }
    }

    public void Dispose() => Handle.Dispose();
}
