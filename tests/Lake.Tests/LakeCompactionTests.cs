using System.Text.Json.Nodes;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class LakeCompactionTests
{
    private static readonly Dictionary<string, string> Compacting = new()
    {
        // Two: whatever a merge already made, the next small file joins it, so the end state is one file.
        ["Lake:CompactMinFiles"] = "2",
        ["Lake:MaintenanceInterval"] = "00:00:00.300",
    };

    [Fact]
    public async Task SmallFilesOfAPartitionAreMergedIntoOneWithTheirOffsetRangesAndNoRowIsLostOrDoubled()
    {
        await using var service = Create(settings: Compacting);
        for (var batch = 0; batch < 4; batch++)
        {
            await service.PostEventsAsync(Enumerable.Range(0, 10).Select(i => Event($"c{batch}-{i}", "pageview", T.AddMinutes(i), "web")));
            await service.ArchivedAsync((batch + 1) * 10);
        }

        JsonNode? manifest = null;
        await Eventually.TrueAsync(async () =>
        {
            manifest = await service.ManifestAsync();
            return manifest["files"]!.AsArray().Count == 1;
        }, what: "one file after compaction");

        var file = manifest!["files"]![0]!;
        Assert.Equal(40L, file["rows"]!.GetValue<long>());
        var offsets = file["offsets"]!.AsArray();
        Assert.Equal(0L, offsets[0]!["from"]!.GetValue<long>());
        Assert.Equal(39L, offsets[^1]!["to"]!.GetValue<long>());
        Assert.Equal([Path.Combine(service.Root(), file["path"]!.GetValue<string>())], Directory.GetFiles(service.Root(), "*.parquet", SearchOption.AllDirectories));
        var counts = ReadLake(service.Root(), "SELECT count(*), count(DISTINCT event_id) FROM {events}")[0];
        Assert.Equal([40L, 40L], counts.Select(Convert.ToInt64));
    }

    [Fact]
    public async Task DatePartitionsOlderThanRetentionDaysAreDeletedFromTheManifestAndTheDisk()
    {
        var (old, recent) = (DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddMinutes(-1));
        string directory;
        await using (var first = Create(deleteOnDispose: false, settings: new Dictionary<string, string> { ["Kpi:Lateness"] = "10.00:00:00", ["Lake:RetentionDays"] = "0" }))
        {
            directory = first.DataDirectory;
            await first.PostEventsAsync([Event("old", "pageview", old, "web"), Event("new", "pageview", recent, "web")]);
            var manifest = await first.ArchivedAsync(2);
            Assert.Equal(2, manifest["files"]!.AsArray().Select(f => f!["date"]!.GetValue<string>()).Distinct().Count());
        }

        await using var second = Create(directory, settings: new Dictionary<string, string> { ["Lake:RetentionDays"] = "1", ["Lake:MaintenanceInterval"] = "00:00:00.200" });
        var kept = await second.ArchivedAsync(1);
        Assert.Equal(recent.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Assert.Single(kept["files"]!.AsArray())!["date"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(second.Root(), "events", $"date={old:yyyy-MM-dd}")));
    }
}
