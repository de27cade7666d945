using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// Makes directory entries durable. fsync of a file does not promise that its name survives a crash; the
/// directory must be fsynced too, and .NET cannot open a directory as a file handle, hence the libc calls.
/// </summary>
internal static class DirectorySync
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

    /// <summary>How long opening waits for a previous owner (a process still exiting, a host still disposing) to let go.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>Exclusive advisory lock: a second process (or a second log) writing the same directory would corrupt it.</summary>
    public static SafeFileHandle Lock(string directory)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return File.OpenHandle(Path.Combine(directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (DateTime.UtcNow >= deadline)
            {
                throw new IOException($"The log directory '{directory}' is in use by another log.", e);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

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
