namespace AdOrleans.Grains.Lake;

/// <summary>
/// Archives every event of one partition of the events topic as Parquet (docs/lake.md). Keyed like the partition's
/// aggregator, <c>events/&lt;partition&gt;</c>, and fed by the same stream.
/// </summary>
public interface ILakeArchiverGrain : IGrainWithStringKey
{
    public const string GrainType = "lake-archiver";

    /// <summary>The files of this partition that are visible (complete and durable).</summary>
    Task<IReadOnlyList<LakeFile>> GetFilesAsync();

    /// <summary>Writes what is buffered now, then compacts and applies retention (also done on a timer).</summary>
    Task FlushAsync();

    /// <summary>
    /// Writes the buffer, then rewrites (atomically, same name) every listed file holding rows of the user with its
    /// user_id cleared, and stores the manifest with the new sizes. Rows stay, so the lake's totals do. Returns files rewritten.
    /// </summary>
    Task<int> EraseUserAsync(string userId);

    /// <summary>The archived rows of the user (buffered ones are written first).</summary>
    Task<IReadOnlyList<Privacy.UserEventRow>> ExportUserAsync(string userId);
}
