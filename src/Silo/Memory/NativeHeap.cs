using System.Runtime.InteropServices;

namespace AdOrleans.Silo.Memory;

/// <summary>
/// glibc keeps memory freed by native code (Parquet's compression, SQLite) in its arenas: after a lake compaction the
/// process kept ~800 MB resident over a 400 MB managed heap. <c>malloc_trim</c> hands the free pages back.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>False where there is no glibc (another OS, musl): nothing to trim there.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
