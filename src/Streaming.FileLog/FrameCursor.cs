using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Walks the frames of one segment file with large positional reads into a reusable buffer, so one read
/// serves many records. Never reads past the limit it is given: bytes beyond the durable end are not looked at.
/// </summary>
internal sealed class FrameCursor(int bufferBytes, int maxFrame)
{
    private byte[] _buffer = new byte[bufferBytes];
    private SafeFileHandle? _file;
    private long _bufferPosition;
    private int _filled;
    private int _at;

    /// <summary>File position of the next frame.</summary>
    public long Position => _bufferPosition + _at;

    public void Reset(SafeFileHandle file, long position)
    {
        _file = file;
        _bufferPosition = position;
        _filled = 0;
        _at = 0;
    }

    /// <summary>
    /// Checks the frame at <see cref="Position"/>. <see cref="FrameStatus.Incomplete"/> means it does not end by
    /// <paramref name="limit"/> (at the limit itself: no more frames yet).
    /// </summary>
    public FrameStatus Peek(long limit, out Frame frame)
    {
        while (true)
        {
            var status = RecordFrame.TryParse(_buffer.AsSpan(_at, _filled - _at), maxFrame, out frame, out var size);
            var end = _bufferPosition + _filled;
            if (status != FrameStatus.Incomplete || end >= limit)
            {
                return status;
            }

            if (_at > 0)
            {
                _buffer.AsSpan(_at, _filled - _at).CopyTo(_buffer);
                _bufferPosition += _at;
                _filled -= _at;
                _at = 0;
            }

            if (size > _buffer.Length)
            {
                Array.Resize(ref _buffer, size);
            }

            var read = RandomAccess.Read(_file!, _buffer.AsSpan(_filled, (int)Math.Min(_buffer.Length - _filled, limit - end)), end);
            if (read <= 0)
            {
                return FrameStatus.Incomplete;
            }

            _filled += read;
        }
    }

    /// <summary>The bytes of the frame last returned by <see cref="Peek"/>.</summary>
    public ReadOnlySpan<byte> Current(in Frame frame) => _buffer.AsSpan(_at, frame.Size);

    public void Advance(in Frame frame) => _at += frame.Size;
}
