using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AdOrleans.Streaming;

/// <summary>
/// A fixed-length array of unsigned values of 1 to 8 bytes each, packed back to back in one byte array: a value is
/// read as the 8 bytes from its offset (the array ends with padding for the last one) with the bytes beyond its width
/// masked off, and written back the same way, keeping the neighbour's bytes. A struct, inlined accessors: it is on
/// every event's path (<see cref="EventIdTable"/>), where a class's extra indirection showed in a micro-benchmark.
/// </summary>
internal readonly struct PackedUInts
{
    private readonly byte[] _bytes;
    private readonly int _width;
    private readonly ulong _mask;

    public PackedUInts(int length, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, sizeof(ulong));
        _bytes = new byte[(long)length * width + sizeof(ulong) - width];
        _width = width;
        _mask = width == sizeof(ulong) ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The largest value an element holds.</summary>
    public ulong MaxValue => _mask;

    public ulong this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => LittleEndian(Unsafe.ReadUnaligned<ulong>(ref At(index))) & _mask;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set
        {
            ref var at = ref At(index);
            var kept = LittleEndian(Unsafe.ReadUnaligned<ulong>(ref at)) & ~_mask;
            Unsafe.WriteUnaligned(ref at, LittleEndian(kept | (value & _mask)));
        }
    }

    /// <summary>
    /// The first byte of element <paramref name="index"/>, checked against the length here: the 8 bytes read from it
    /// are inside the array by its padding, so the read itself needs no second check (this is on every event's path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte At(int index) => ref (uint)index < (uint)Length
        ? ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), (nint)index * _width)
        : ref ThrowOutOfRange(index);

    private static ulong LittleEndian(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static ref byte ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "outside the array");
}
