namespace AdOrleans.Persistence;

/// <summary>
/// A store that keeps caches for speed under load and can give them back when the process is idle: the idle memory
/// trimmer calls it before its full collection and <c>malloc_trim</c> (docs/memory.md).
/// </summary>
public interface IReleasesMemoryWhenIdle
{
    /// <summary>Frees what can be rebuilt on demand; returns the bytes released where the store can tell, else 0.</summary>
    Task<long> ReleaseMemoryAsync(CancellationToken cancellationToken);
}
