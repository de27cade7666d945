using System.Buffers.Binary;
using System.Text;
using AdOrleans.Log;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// The frames one commit appended to one partition, as stored in the journal, little-endian:
/// <c>frames-length:int32 | crc:uint32 | partition:int32 | topic-length:int32 | topic:utf8 | record frames</c>.
/// The CRC-32C covers the header after itself; the record frames carry their own CRCs and offsets, so they are not
/// hashed a second time on the commit path.
/// </summary>
internal static class JournalChunk
{
    private const int FixedSize = 16;

    public static byte[] Header(TopicPartition partition, int framesLength)
    {
        var topicBytes = Encoding.UTF8.GetByteCount(partition.Topic);
        var header = new byte[FixedSize + topicBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, framesLength);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), partition.Partition);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), topicBytes);
        Encoding.UTF8.GetBytes(partition.Topic, header.AsSpan(FixedSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Checksum(header));
        return header;
    }

    /// <summary>
    /// Reads the chunk at the start of <paramref name="data"/>; false where the journal ends or was torn (a header cut
    /// short, or one whose checksum fails: a write the crash interrupted, never acknowledged).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out TopicPartition partition, out int headerSize, out int framesLength)
    {
        (partition, headerSize, framesLength) = (default, 0, 0);
        if (data.Length < FixedSize)
        {
            return false;
        }

        var topicBytes = BinaryPrimitives.ReadInt32LittleEndian(data[12..]);
        if (topicBytes is < 0 or > 1024 || data.Length < FixedSize + topicBytes
            || Checksum(data[..(FixedSize + topicBytes)]) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return false;
        }

        headerSize = FixedSize + topicBytes;
        framesLength = BinaryPrimitives.ReadInt32LittleEndian(data);
        partition = new TopicPartition(Encoding.UTF8.GetString(data.Slice(FixedSize, topicBytes)), BinaryPrimitives.ReadInt32LittleEndian(data[8..]));
        return framesLength >= 0;
    }

    private static uint Checksum(ReadOnlySpan<byte> header)
    {
        Span<byte> covered = stackalloc byte[header.Length - 4];
        header[..4].CopyTo(covered);
        header[8..].CopyTo(covered[4..]);
        return Crc32C.Compute(covered);
    }
}
