using AdOrleans.Log;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Makes lake files appear whole or not at all: a file is written under a temporary name, fsynced, renamed (atomic
/// within a directory) and its directory fsynced, so after a crash a name ending in <c>.parquet</c> always holds a
/// complete file (<see cref="DurableDirectory"/>).
/// </summary>
public static class LakeDirectory
{
    public const string TempSuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> puts in the stream; returns its size.</summary>
    public static async Task<long> WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        await using var file = AtomicFile.Create(path);
        await write(file.Stream);
        return await file.CompleteAsync();
    }

    /// <summary>Deletes a file and makes the deletion durable; a missing file is fine (a crash may have come between).</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        DurableDirectory.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>Removes empty partition directories below <paramref name="root"/> (left by compaction and retention).</summary>
    public static void PruneEmpty(string directory, string stopAt)
    {
        while (Directory.Exists(directory) && !string.Equals(Path.GetFullPath(directory), Path.GetFullPath(stopAt), StringComparison.Ordinal)
            && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            try
            {
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Another partition's archiver wrote into it meanwhile: it is not empty after all.
                return;
            }

            directory = Path.GetDirectoryName(directory)!;
        }
    }
}
