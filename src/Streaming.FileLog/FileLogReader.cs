using System.Text;
using AdOrleans.Log;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Reads one partition from its segment files: positional reads of large chunks, many records parsed per read,
/// never past the durable end the writer has published. Each reader has its own buffer; any number may read a partition.
/// </summary>
internal sealed class FileLogReader : IPartitionReader
{
    private readonly PartitionLog _partition;
    private readonly FrameCursor _cursor;
    private readonly Func<bool> _hasData;

    // Index in the view's segments of the file the cursor is in; -1 until positioned. Segments are only ever added, so it stays valid.
    private int _segment = -1;

    public FileLogReader(PartitionLog partition, long fromOffset, FileLogOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        _partition = partition;
        _cursor = new FrameCursor(options.ReadBufferBytes, options.MaxRecordBytes);
        _hasData = () => _partition.View.EndOffset > Position;
        Position = fromOffset;
    }

    public long Position { get; private set; }

    public int Read(List<LogRecord> into, int max)
    {
        var view = _partition.View;
        var read = 0;
        var rereading = false;
        while (read < max && Position < view.EndOffset)
        {
            if (_segment < 0)
            {
                Seek(view);
            }

            var limit = view.LimitOf(_segment);
            var status = _cursor.Peek(limit, out var frame);
            if (status == FrameStatus.Incomplete && _cursor.Position == limit && _segment < view.Segments.Length - 1)
            {
                _segment++;
                _cursor.Reset(view.Segments[_segment].Handle, 0);
                continue;
            }

            if ((status != FrameStatus.Valid || frame.Offset > Position) && !rereading)
            {
                // A frame rewritten in place (an erasure, IRewritableLog) while the buffer was filled: read it again.
                _cursor.Reset(view.Segments[_segment].Handle, _cursor.Position);
                rereading = true;
                continue;
            }

            rereading = false;
            if (status != FrameStatus.Valid || frame.Offset > Position)
            {
                throw new InvalidDataException(
                    $"{_partition.Id}: no valid record {Position} at byte {_cursor.Position} of {view.Segments[_segment].Path} ({status}).");
            }

            if (frame.Offset == Position)
            {
                into.Add(Decode(_cursor.Current(frame), frame));
                Position++;
                read++;
            }

            // Frames before Position are the ones between the index entry a seek started from and the target.
            _cursor.Advance(frame);
        }

        return read;
    }

    public ValueTask<bool> WaitForRecordsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _partition.Signal.WaitAsync(_hasData, timeout, cancellationToken);

    public void Dispose()
    {
    }

    private void Seek(PartitionView view)
    {
        _segment = view.IndexOf(Position);
        var segment = view.Segments[_segment];
        _cursor.Reset(segment.Handle, segment.PositionBefore(Position, _cursor));
    }

    private LogRecord Decode(ReadOnlySpan<byte> bytes, in Frame frame) => new(
        _partition.Id.Topic,
        _partition.Id.Partition,
        frame.Offset,
        Encoding.UTF8.GetString(bytes.Slice(RecordFrame.HeaderSize, frame.KeyLength)),
        bytes[frame.ValueStart..].ToArray(),
        DateTimeOffset.FromUnixTimeMilliseconds(frame.TimestampMs));
}
