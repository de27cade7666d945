using System.Runtime.InteropServices;

namespace AdOrleans.Log;

/// <summary>
/// Makes directory entries durable, for the file log and the lake alike. fsync of a file does not promise that its
/// name survives a crash; the directory must be fsynced too, and .NET cannot open a directory as a file handle, hence
/// the libc calls.
/// </summary>
public static class DurableDirectory
{
    /// <summary>Creates <paramref name="path"/> and missing parents, flushing each parent that gained an entry.</summary>
    public static void Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            Create(parent);
        }

        Directory.CreateDirectory(full);
        if (parent is not null)
        {
            Flush(parent);
        }
    }

    /// <summary>Fsyncs <paramref name="directory"/>, so that entries created, renamed or deleted in it survive a crash.</summary>
    public static void Flush(string directory)
    {
        // Windows journals directory entries with the file's metadata; there is nothing to open there.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        var fd = Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
