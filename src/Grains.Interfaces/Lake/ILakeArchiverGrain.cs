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
}
