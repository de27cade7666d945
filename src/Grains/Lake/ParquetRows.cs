using System.IO.Compression;
using Parquet;
using Parquet.Serialization;

namespace AdOrleans.Grains.Lake;

/// <summary>Reads and writes lake files of <see cref="EventRow"/>s and <see cref="BillingLineRow"/>s with Parquet.Net (managed: no native library in the silo).</summary>
public static class ParquetRows
{
    /// <summary>
    /// Zstd at its fastest level: as fast to write as Snappy here and about 45 % smaller; Parquet.Net's default level
    /// (smallest size) wrote half as fast for 10 % less (docs/benchmarks-lake.md). DuckDB, Spark and Arrow all read it.
    /// </summary>
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = CompressionLevel.Fastest };

    public static Task<long> WriteAsync<T>(string path, IReadOnlyCollection<T> rows) =>
        LakeDirectory.WriteAtomicallyAsync(path, stream => ParquetSerializer.SerializeAsync(rows, stream, Options));

    public static async Task<IList<EventRow>> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return (await ParquetSerializer.DeserializeAsync<EventRow>(stream, Options)).Data;
    }
}
