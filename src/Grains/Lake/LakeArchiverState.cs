namespace AdOrleans.Grains.Lake;

/// <summary>
/// What an archiver stores (one JSON state per partition, written after each batch of files is durable): the last
/// offset its files cover and the manifest of its visible files. Files and offset advance in one write, so a record
/// is in the manifest exactly when the offset says it was archived.
/// </summary>
public sealed class LakeArchiverState
{
    /// <summary>The highest offset of the partition covered by a file in <see cref="Files"/>; -1 before the first.</summary>
    public long ArchivedThrough { get; set; } = -1;

    public List<LakeFile> Files { get; set; } = [];
}
