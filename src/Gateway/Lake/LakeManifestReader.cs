using AdOrleans.Grains;
using AdOrleans.Grains.Lake;
using AdOrleans.Log;

namespace AdOrleans.Gateway.Lake;

/// <summary>The lake's manifest: the union of every partition archiver's visible files and the billing archiver's.</summary>
public sealed class LakeManifestReader(IGrainFactory grains, IPartitionedLog log)
{
    public async Task<IReadOnlyList<LakeFile>> FilesAsync()
    {
        var partitions = log.PartitionCount(Topics.Events);
        var lists = await Task.WhenAll(Enumerable.Range(0, partitions)
            .Select(p => grains.GetGrain<ILakeArchiverGrain>(EventAggregators.KeyOf(p)).GetFilesAsync())
            .Append(grains.GetGrain<ILakeBillingArchiverGrain>(ILakeBillingArchiverGrain.Key).GetFilesAsync()));
        return [.. lists.SelectMany(l => l).OrderBy(f => f.Date).ThenBy(f => f.Dataset, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    public async Task<LakeManifest> ManifestAsync()
    {
        var files = await FilesAsync();
        return new LakeManifest(files, new LakeTotals(files.Count, files.Sum(f => f.Rows), files.Sum(f => f.Bytes)));
    }
}
