namespace AdOrleans.Streaming.Files;

/// <summary>
/// What readers of a partition may see: published by the writer only after an fsync, as one object so the
/// end offset and the byte size of the last segment always agree.
/// </summary>
internal sealed record PartitionView(Segment[] Segments, long EndOffset, long ActiveSize)
{
    /// <summary>Bytes of durable frames in segment <paramref name="index"/>.</summary>
    public long LimitOf(int index) => index == Segments.Length - 1 ? ActiveSize : Segments[index].SealedSize;

    /// <summary>Index of the segment holding <paramref name="offset"/> (the last one whose base is not above it).</summary>
    public int IndexOf(long offset)
    {
        int low = 0, high = Segments.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Segments[mid].BaseOffset <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
