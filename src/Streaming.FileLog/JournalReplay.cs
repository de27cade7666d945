using AdOrleans.Log;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Recovery's second step, after each partition's last segment was scanned and its torn tail cut off: the journal
/// holds every frame acknowledged since the segment files were last fsynced, so frames a crash kept out of a segment
/// file are appended to it again, in offset order. Frames the segment already has are skipped; a frame beyond the
/// next expected offset means the files are damaged in a way the journal cannot repair, and opening fails.
/// </summary>
internal static class JournalReplay
{
    /// <summary>Re-appends what the segment files lack; returns the partitions the journal mentions (their files need an fsync).</summary>
    public static HashSet<PartitionLog> Run(string directory, Func<TopicPartition, PartitionLog?> find, FileLogOptions options, ILogger logger)
    {
        var mentioned = new HashSet<PartitionLog>();
        if (!Directory.Exists(directory))
        {
            return mentioned;
        }

        foreach (var (_, path) in CommitJournal.Files(directory))
        {
            var data = File.ReadAllBytes(path);
            var at = 0;
            var restored = 0;
            while (JournalChunk.TryRead(data.AsSpan(at), out var id, out var headerSize, out var framesLength)
                && data.Length - at - headerSize >= framesLength)
            {
                var partition = find(id) ?? throw new InvalidDataException(
                    $"The journal {path} holds records of {id}, which is not configured (FileLog:Topics). Restore the topic's configuration to recover them.");
                restored += partition.Restore(data.AsSpan(at + headerSize, framesLength), options.MaxRecordBytes);
                mentioned.Add(partition);
                at += headerSize + framesLength;
            }

            FileLogLog.JournalReplayed(logger, path, restored, at, data.Length);
        }

        return mentioned;
    }
}
