namespace AdOrleans.Streaming.Files;

/// <summary>Frames of one partition waiting for the writer. Two per partition alternate: one fills while the other is written.</summary>
internal sealed class FrameBuffer
{
    private const int InitialBytes = 64 << 10;

    // A burst can grow a buffer a lot; past this it is given back after the write instead of pinned forever.
    private const int KeepBytes = 8 << 20;

    private byte[] _data = new byte[InitialBytes];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _data.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _data.AsMemory(0, Length);

    public Span<byte> Append(int size)
    {
        if (_data.Length - Length < size)
        {
            var grown = new byte[(int)Math.Min(Array.MaxLength, Math.Max(2L * _data.Length, (long)Length + size))];
            _data.AsSpan(0, Length).CopyTo(grown);
            _data = grown;
        }

        var span = _data.AsSpan(Length, size);
        Length += size;
        return span;
    }

    public void Clear()
    {
        Length = 0;
        if (_data.Length > KeepBytes)
        {
            _data = new byte[InitialBytes];
        }
    }
}
