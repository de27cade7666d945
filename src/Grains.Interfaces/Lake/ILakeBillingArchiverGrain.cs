namespace AdOrleans.Grains.Lake;

/// <summary>Archives the billing lines of each closed hour as one Parquet file (docs/lake.md). One per cluster, key <see cref="Key"/>.</summary>
public interface ILakeBillingArchiverGrain : IGrainWithStringKey
{
    public const string GrainType = "lake-billing";
    public const string Key = "billing";

    Task<IReadOnlyList<LakeFile>> GetFilesAsync();

    /// <summary>Archives every closed hour not archived yet and applies retention; idempotent.</summary>
    Task ArchiveAsync();
}
