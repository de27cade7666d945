using System.Buffers.Binary;
using System.Text;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// One record on disk, little-endian:
/// <c>length:int32 | crc:uint32 | offset:int64 | timestamp-ms:int64 | key-length:int32 | key:utf8 | value</c>.
/// <c>length</c> counts the bytes after itself; the CRC-32C covers everything after the CRC, offset included,
/// so a frame moved or half written is caught at recovery and at read.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderSize = 28;
    private const int MinLength = HeaderSize - 4;

    public static int Size(int keyBytes, int valueBytes) => HeaderSize + keyBytes + valueBytes;

    public static void Write(Span<byte> frame, long offset, long timestampMs, string key, int keyBytes, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - 4);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], offset);
        BinaryPrimitives.WriteInt64LittleEndian(frame[16..], timestampMs);
        BinaryPrimitives.WriteInt32LittleEndian(frame[24..], keyBytes);
        Encoding.UTF8.GetBytes(key, frame.Slice(HeaderSize, keyBytes));
        value.CopyTo(frame[(HeaderSize + keyBytes)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(frame[8..]));
    }

    /// <summary>Total size of the frame starting at <paramref name="data"/> (trusted: written by this process).</summary>
    public static int SizeAt(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt32LittleEndian(data) + 4;

    public static long OffsetAt(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt64LittleEndian(data[8..]);

    /// <summary>
    /// Checks the frame at the start of <paramref name="data"/>. <see cref="FrameStatus.Incomplete"/> means more bytes
    /// are needed (<paramref name="size"/> says how many in all, or is 0 when even the length is missing).
    /// </summary>
    public static FrameStatus TryParse(ReadOnlySpan<byte> data, int maxFrame, out Frame frame, out int size)
    {
        frame = default;
        size = 0;
        if (data.Length < 4)
        {
            return FrameStatus.Incomplete;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < MinLength || length > maxFrame - 4)
        {
            return FrameStatus.Corrupt;
        }

        size = length + 4;
        if (data.Length < size)
        {
            return FrameStatus.Incomplete;
        }

        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(data[24..]);
        if (keyLength < 0 || keyLength > size - HeaderSize
            || Crc32C.Compute(data[8..size]) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return FrameStatus.Corrupt;
        }

        frame = new Frame(
            BinaryPrimitives.ReadInt64LittleEndian(data[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[16..]),
            keyLength,
            size);
        return FrameStatus.Valid;
    }
}

internal enum FrameStatus
{
    Valid,
    Incomplete,
    Corrupt,
}

/// <summary>A checked frame: key at <see cref="RecordFrame.HeaderSize"/>, value after it up to <see cref="Size"/>.</summary>
internal readonly record struct Frame(long Offset, long TimestampMs, int KeyLength, int Size)
{
    public int ValueStart => RecordFrame.HeaderSize + KeyLength;
}
