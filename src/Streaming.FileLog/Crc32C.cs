using System.Buffers.Binary;
using System.Numerics;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// CRC-32C (Castagnoli, the checksum Kafka's record batches use). System.IO.Hashing is not on the registry here;
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2 / ARM CRC instruction and falls back to a table.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
