using AdOrleans.Grains.Lake;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class ParquetMergeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("adorleans-parquet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_merge_written_in_row_groups_holds_every_row_of_its_parts_once_in_order()
    {
        var parts = new List<string>();
        for (var part = 0; part < 3; part++)
        {
            var path = Path.Combine(_root, $"part-{part}.parquet");
            await ParquetRows.WriteAsync(path, Enumerable.Range(part * 5, 5).Select(Row).ToList());
            parts.Add(path);
        }

        var merged = Path.Combine(_root, "events", "date=2026-12-03", "channel=web", "merged.parquet");
        await ParquetRows.MergeAsync(merged, parts, rowGroupRows: 4);
        parts.ForEach(File.Delete);

        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), (await RowGroupsAsync(merged)).SelectMany(g => g).Select(r => r.LogOffset));
        var groups = ReadLake(_root, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{merged}')")[0][0];
        Assert.Equal(3L, Convert.ToInt64(groups));
        Assert.Equal([15L, 15L], ReadLake(_root, "SELECT count(*), count(DISTINCT event_id) FROM {events}")[0].Select(Convert.ToInt64));
    }

    [Fact]
    public async Task A_merge_takes_in_an_earlier_merge_one_row_group_at_a_time_and_keeps_every_row_once_in_order()
    {
        var earlier = await MergedAsync("earlier", rowGroupRows: 4, (0, 6), (6, 6));
        var part = await MergedAsync("part", rowGroupRows: 4, (12, 3));

        var merged = Path.Combine(_root, "merged.parquet");
        await ParquetRows.MergeAsync(merged, [earlier, part], rowGroupRows: 5);

        Assert.Equal([6, 6], (await RowGroupsAsync(earlier)).Select(g => g.Count));
        // Read whole, the earlier merge would have become one group of 12 rows.
        var groups = await RowGroupsAsync(merged);
        Assert.Equal([6, 6, 3], groups.Select(g => g.Count));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), groups.SelectMany(g => g).Select(r => r.LogOffset));
    }

    [Fact]
    public async Task A_rewrite_changes_rows_in_place_and_keeps_the_files_row_groups()
    {
        var file = await MergedAsync("file", rowGroupRows: 5, (0, 5), (5, 5));

        await ParquetRows.RewriteAsync(file, rows =>
        {
            foreach (var row in rows.Where(r => r.LogOffset % 2 == 0))
            {
                row.UserId = null;
            }
        });

        var groups = await RowGroupsAsync(file);
        Assert.Equal([5, 5], groups.Select(g => g.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? null : "u-1"), groups.SelectMany(g => g).Select(r => r.UserId));
        Assert.False(File.Exists(file + LakeDirectory.TempSuffix));
    }

    [Fact]
    public async Task A_user_is_found_by_its_column_alone_in_any_row_group_and_an_absent_user_is_not()
    {
        var file = await MergedAsync("file", rowGroupRows: 5, (0, 5), (5, 5));
        await ParquetRows.RewriteAsync(file, rows =>
        {
            foreach (var row in rows)
            {
                row.UserId = row.LogOffset == 7 ? "u-7" : null;
            }
        });

        Assert.True(await ParquetRows.AnyAsync(file, EventRow.UserIdColumn, "u-7"));
        Assert.False(await ParquetRows.AnyAsync(file, EventRow.UserIdColumn, "u-1"));
    }

    /// <summary>Writes one part per range of offsets and merges them into <c>{name}.parquet</c>.</summary>
    private async Task<string> MergedAsync(string name, int rowGroupRows, params (int From, int Count)[] parts)
    {
        var paths = new List<string>();
        foreach (var (from, count) in parts)
        {
            var path = Path.Combine(_root, $"{name}-{from}.parquet");
            await ParquetRows.WriteAsync(path, Enumerable.Range(from, count).Select(Row).ToList());
            paths.Add(path);
        }

        var merged = Path.Combine(_root, $"{name}.parquet");
        await ParquetRows.MergeAsync(merged, paths, rowGroupRows);
        return merged;
    }

    private static async Task<List<IList<EventRow>>> RowGroupsAsync(string path)
    {
        var groups = new List<IList<EventRow>>();
        await foreach (var group in ParquetRows.ReadRowGroupsAsync(path))
        {
            groups.Add(group);
        }

        return groups;
    }

    private static EventRow Row(int i) => new()
    {
        LogPartition = 0, LogOffset = i, EventId = $"e-{i}", Type = "pageview", UserId = "u-1",
        OccurredAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc), ReceivedAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
    };
}
