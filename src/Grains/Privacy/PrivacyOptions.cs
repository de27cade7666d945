namespace AdOrleans.Grains.Privacy;

/// <summary>Erasure knobs (docs/privacy.md).</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// VACUUM the embedded SQLite store after an erasure, before truncating its WAL. On: no copy of a deleted key
    /// survives anywhere in the file (free pages, b-tree divider cells), at the cost of rewriting the whole file while
    /// writes wait. Off: deleted rows are zeroed in place (secure_delete) and the WAL truncated, but a b-tree's
    /// interior pages may keep a deleted key as a divider until they are rebalanced.
    /// </summary>
    public bool VacuumAfterErase { get; set; } = true;
}
