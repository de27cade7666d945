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

    /// <summary>
    /// Merges lake files into one without holding them all: rows are gathered part by part and written as a row group
    /// whenever <paramref name="rowGroupRows"/> are in memory (a merge of 1,000,000 rows at once held ~400 MB per
    /// partition archiver, and 16 of them merge after a burst: RSS went to 3.9 GB).
    /// </summary>
    public static Task<long> MergeAsync(string path, IEnumerable<string> parts, int rowGroupRows) =>
        LakeDirectory.WriteAtomicallyAsync(path, async stream =>
        {
            var (rows, append) = (new List<EventRow>(), false);
            foreach (var part in parts)
            {
                rows.AddRange(await ReadAsync(part));
                if (rows.Count >= rowGroupRows)
                {
                    await AppendRowGroupAsync(stream, rows, append);
                    (rows, append) = (new List<EventRow>(), true);
                }
            }

            if (rows.Count > 0 || !append)
            {
                await AppendRowGroupAsync(stream, rows, append);
            }
        });

    private static Task AppendRowGroupAsync(Stream stream, List<EventRow> rows, bool append) =>
        ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { CompressionMethod = Options.CompressionMethod, CompressionLevel = Options.CompressionLevel, Append = append });

    public static async Task<IList<EventRow>> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return (await ParquetSerializer.DeserializeAsync<EventRow>(stream, Options)).Data;
    }
}
