using System.IO.Compression;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Serialization;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Reads and writes lake files of <see cref="EventRow"/>s and <see cref="BillingLineRow"/>s with Parquet.Net (managed:
/// no native library in the silo). Whatever reads a whole events file goes one row group at a time: a file grows to
/// <see cref="LakeOptions.TargetFileRows"/> (1,000,000) rows, ~400 MB as row objects, while a row group holds at most
/// <see cref="LakeOptions.MergeRowGroupRows"/>.
/// </summary>
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
    /// Merges lake files into one without holding them all: row groups are gathered one at a time and written as one
    /// row group whenever <paramref name="rowGroupRows"/> are in memory, so a merge holds at most that plus one input
    /// row group. Read whole, a day's earlier merge, which a later merge takes in as a part, would be held at once.
    /// </summary>
    public static Task<long> MergeAsync(string path, IEnumerable<string> parts, int rowGroupRows) =>
        LakeDirectory.WriteAtomicallyAsync(path, async stream =>
        {
            var (rows, append) = (new List<EventRow>(), false);
            foreach (var part in parts)
            {
                await foreach (var group in ReadRowGroupsAsync(part))
                {
                    rows.AddRange(group);
                    if (rows.Count >= rowGroupRows)
                    {
                        await AppendRowGroupAsync(stream, rows, append);
                        (rows, append) = (new List<EventRow>(), true);
                    }
                }
            }

            if (rows.Count > 0 || !append)
            {
                await AppendRowGroupAsync(stream, rows, append);
            }
        });

    /// <summary>Writes a file again under its own name, row group by row group, with <paramref name="change"/> applied to each group's rows.</summary>
    public static Task<long> RewriteAsync(string path, Action<IList<EventRow>> change) =>
        LakeDirectory.WriteAtomicallyAsync(path, async stream =>
        {
            var append = false;
            await foreach (var group in ReadRowGroupsAsync(path))
            {
                change(group);
                await AppendRowGroupAsync(stream, group, append);
                append = true;
            }

            if (!append)
            {
                await AppendRowGroupAsync(stream, Array.Empty<EventRow>(), append: false);
            }
        });

    /// <summary>The rows of a file, one row group at a time.</summary>
    public static async IAsyncEnumerable<IList<EventRow>> ReadRowGroupsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true, cancellationToken))
        {
            groups = reader.RowGroupCount;
        }

        for (var group = 0; group < groups; group++)
        {
            yield return (await ParquetSerializer.DeserializeAsync<EventRow>(stream, Options, group, cancellationToken)).Data;
        }
    }

    /// <summary>Whether any row of a file has <paramref name="value"/> in the string column <paramref name="column"/>; reads that column alone.</summary>
    public static async Task<bool> AnyAsync(string path, string column, string value, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true, cancellationToken);
        var field = reader.Schema.DataFields.Single(f => string.Equals(f.Name, column, StringComparison.Ordinal));
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rows = reader.OpenRowGroupReader(group);
            var values = new string?[rows.RowCount];
            await rows.ReadAsync(field, values.AsMemory()!, null, cancellationToken);
            if (Array.IndexOf(values, value) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="rows"/> as one row group: the file's first (<paramref name="append"/> false) or one more.</summary>
    public static Task AppendRowGroupAsync<T>(Stream stream, IEnumerable<T> rows, bool append) =>
        ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { CompressionMethod = Options.CompressionMethod, CompressionLevel = Options.CompressionLevel, Append = append });
}
