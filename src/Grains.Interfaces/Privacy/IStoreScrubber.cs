namespace AdOrleans.Grains.Privacy;

/// <summary>
/// Run by an erasure after every store deleted the user's rows, so that the deleted bytes leave the store's files
/// too (free pages, write-ahead log). Registered by a store that needs it (SQLite); without one the step is skipped.
/// </summary>
public interface IStoreScrubber
{
    /// <summary>Returns what it did, for the job's status.</summary>
    Task<string> ScrubAsync(bool vacuum, CancellationToken cancellationToken);
}
