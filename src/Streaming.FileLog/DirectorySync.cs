using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

/// <summary>The log directory's owner lock (entries are made durable by <see cref="DurableDirectory"/>).</summary>
internal static class DirectorySync
{
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
}
