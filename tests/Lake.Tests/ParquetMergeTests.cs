using AdOrleans.Grains.Lake;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class ParquetMergeTests
{
    [Fact]
    public async Task A_merge_written_in_row_groups_holds_every_row_of_its_parts_once_in_order()
    {
        var root = Directory.CreateTempSubdirectory("adorleans-merge-").FullName;
        try
        {
            var parts = new List<string>();
            for (var part = 0; part < 3; part++)
            {
                var path = Path.Combine(root, $"part-{part}.parquet");
                await ParquetRows.WriteAsync(path, Enumerable.Range(part * 5, 5).Select(Row).ToList());
                parts.Add(path);
            }

            var merged = Path.Combine(root, "events", "date=2026-12-03", "channel=web", "merged.parquet");
            await ParquetRows.MergeAsync(merged, parts, rowGroupRows: 4);
            parts.ForEach(File.Delete);

            Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), (await ParquetRows.ReadAsync(merged)).Select(r => r.LogOffset));
            var groups = ReadLake(root, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{merged}')")[0][0];
            Assert.Equal(3L, Convert.ToInt64(groups));
            Assert.Equal([15L, 15L], ReadLake(root, "SELECT count(*), count(DISTINCT event_id) FROM {events}")[0].Select(Convert.ToInt64));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static EventRow Row(int i) => new()
    {
        LogPartition = 0, LogOffset = i, EventId = $"e-{i}", Type = "pageview", UserId = "u-1",
        OccurredAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc), ReceivedAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
    };
}
