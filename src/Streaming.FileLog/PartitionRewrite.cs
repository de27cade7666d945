using System.Buffers.Binary;
using AdOrleans.Log;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Rewrites the published frames of one partition in place: each frame is copied, its value handed to the rewrite,
/// and when it changed the frame is written back whole at the same position with its CRC recomputed. Only frames
/// below the published end are touched, where the writer never writes again, so appends go on meanwhile.
/// </summary>
internal static class PartitionRewrite
{
    public static long Run(PartitionLog partition, RecordRewrite rewrite, FileLogOptions options)
    {
        var view = partition.View;
        var cursor = new FrameCursor(options.ReadBufferBytes, options.MaxRecordBytes);
        var changed = 0L;
        for (var s = 0; s < view.Segments.Length; s++)
        {
            var segment = view.Segments[s];
            var limit = view.LimitOf(s);
            var inSegment = 0;
            cursor.Reset(segment.Handle, 0);
            while (cursor.Position < limit && cursor.Peek(limit, out var frame) == FrameStatus.Valid)
            {
                var position = cursor.Position;
                var bytes = cursor.Current(frame).ToArray();
                cursor.Advance(frame);
                if (!rewrite(bytes.AsSpan(frame.ValueStart)))
                {
                    continue;
                }

                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Crc32C.Compute(bytes.AsSpan(8)));
                RandomAccess.Write(segment.Handle, bytes, position);
                inSegment++;
            }

            if (inSegment > 0)
            {
                RandomAccess.FlushToDisk(segment.Handle);
                changed += inSegment;
            }
        }

        return changed;
    }
}
