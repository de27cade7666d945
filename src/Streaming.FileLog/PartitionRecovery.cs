using AdOrleans.Log;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Opens a partition's directory after a clean stop or a crash. Only the last segment can hold a torn write
/// (the writer fsyncs a segment before it starts the next), so only it is scanned: frames are checked by CRC and
/// dense offsets, its index is rebuilt, and anything after the last valid frame is cut off before appends resume.
/// </summary>
internal static class PartitionRecovery
{
    public static PartitionLog Open(TopicPartition id, string directory, FileLogOptions options, FrameCursor cursor, ILogger logger)
    {
        DurableDirectory.Create(directory);
        var bases = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (Segment.TryParseFileName(file, out var baseOffset))
            {
                bases.Add(baseOffset);
            }
        }

        bases.Sort();
        var segments = new List<Segment>();
        try
        {
            for (var i = 0; i < bases.Count; i++)
            {
                var segment = Segment.Open(directory, bases[i], options.IndexIntervalBytes, indexed: i == bases.Count - 1);
                segments.Add(segment);
                if (i < bases.Count - 1)
                {
                    segment.SealedSize = RandomAccess.GetLength(segment.Handle);
                }
            }

            if (segments.Count == 0)
            {
                segments.Add(Segment.Create(directory, 0, options.IndexIntervalBytes));
                DurableDirectory.Flush(directory);
            }

            var active = segments[^1];
            var length = RandomAccess.GetLength(active.Handle);
            var (valid, next) = active.Scan(cursor, length);
            if (valid < length)
            {
                FileLogLog.TruncatedTornTail(logger, active.Path, valid, length);
                RandomAccess.SetLength(active.Handle, valid);
                RandomAccess.FlushToDisk(active.Handle);
            }

            return new PartitionLog(id, directory, [.. segments], valid, next, options, logger);
        }
        catch
        {
            segments.ForEach(s => s.Dispose());
            throw;
        }
    }
}
