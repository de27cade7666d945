using System.Text.Json.Nodes;
using static AdOrleans.Lake.Tests.LakeService;

namespace AdOrleans.Lake.Tests;

public sealed class LakeArchiveTests
{
    /// <summary>Event type → the KPI counter that counts it.</summary>
    private static readonly Dictionary<string, string> Counters = new(StringComparer.Ordinal)
    {
        ["pageview"] = "pageviews", ["session"] = "sessions", ["purchase"] = "purchases", ["post"] = "posts", ["like"] = "likes",
        ["share"] = "shares", ["comment"] = "comments", ["email_sent"] = "emailsSent", ["email_open"] = "emailOpens", ["email_click"] = "emailClicks",
    };

    private static readonly string[] ChannelNames = ["display", "search", "social", "email", "web"];

    [Fact]
    public async Task TheLakeReadWithDuckDbHoldsExactlyTheKpiApisTotalsPerChannelAndType()
    {
        await using var service = Create();
        var events = new List<object>();
        var types = Counters.Keys.ToArray();
        for (var i = 0; i < 300; i++)
        {
            var type = types[i % types.Length];
            events.Add(Event($"e{i}", type, T.AddMinutes(i % 50), ChannelNames[i % ChannelNames.Length], user: $"u{i % 17}", value: type == "purchase" ? 1_000 + i : 0));
        }

        // Outside the compared hour, and a client retry of e0 (same eventId): neither may change the comparison.
        events.Add(Event("late-hour", "pageview", T.AddMinutes(70), "web"));
        events.Add(Event("e0", "pageview", T.AddMinutes(0), "display"));
        await service.PostEventsAsync(events);

        var manifest = await service.ArchivedAsync(301);
        // Every channel is its own partition's aggregator: wait until all of them counted every event in the hour.
        var summary = await Eventually.GetAsync<JsonNode>(service.CreateClient(AnalystKey), $"/v1/kpi/summary?from={Iso(T)}&to={Iso(T.AddHours(1))}",
            s => Counters.Values.Sum(counter => s["totals"]![counter]!.GetValue<long>()) == 300);

        var lake = ReadLake(service.Root(), $$"""
            SELECT channel, type, count(*), CAST(sum(value_micros) AS BIGINT) FROM {events}
            WHERE occurred_at >= '{{T.UtcDateTime:yyyy-MM-dd HH:mm:ss}}' AND occurred_at < '{{T.AddHours(1).UtcDateTime:yyyy-MM-dd HH:mm:ss}}'
            GROUP BY channel, type
            """);
        foreach (var channel in ChannelNames)
        {
            var kpi = summary["byChannel"]![channel]!;
            foreach (var (type, counter) in Counters)
            {
                var count = lake.Where(r => (string)r[0]! == channel && (string)r[1]! == type).Sum(r => Convert.ToInt64(r[2]));
                Assert.True(kpi[counter]!.GetValue<long>() == count, $"{channel}/{counter}: KPI {kpi[counter]} vs lake {count}; lake: {string.Join("; ", lake.Select(r => string.Join(",", r)))}");
            }

            var revenue = lake.Where(r => (string)r[0]! == channel).Sum(r => Convert.ToInt64(r[3]));
            Assert.Equal(kpi["revenueMicros"]!.GetValue<long>(), revenue);
        }

        Assert.Equal(300L, lake.Sum(r => Convert.ToInt64(r[2])));
        Assert.All(manifest["files"]!.AsArray(), f => Assert.StartsWith("events/date=", f!["path"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryManifestFileExistsWithItsRowCountAndOffsetRangeAndNoOffsetIsArchivedTwice()
    {
        await using var service = Create();
        await service.PostEventsAsync(Enumerable.Range(0, 120).Select(i => Event($"m{i}", "pageview", T.AddMinutes(i % 30), ChannelNames[i % 3])));
        var manifest = await service.ArchivedAsync(120);

        foreach (var file in manifest["files"]!.AsArray())
        {
            var path = Path.Combine(service.Root(), file!["path"]!.GetValue<string>());
            var (from, to) = (file["offsets"]![0]!["from"]!.GetValue<long>(), file["offsets"]!.AsArray()[^1]!["to"]!.GetValue<long>());
            var rows = ReadLake(service.Root(), $"SELECT count(*), min(log_offset), max(log_offset) FROM read_parquet('{path}')")[0];
            Assert.Equal(file["rows"]!.GetValue<long>(), Convert.ToInt64(rows[0]));
            Assert.InRange(Convert.ToInt64(rows[1]), from, to);
            Assert.InRange(Convert.ToInt64(rows[2]), from, to);
        }

        var distinct = ReadLake(service.Root(), "SELECT count(*), count(DISTINCT (log_partition, log_offset)), count(DISTINCT event_id) FROM {events}")[0];
        Assert.Equal([120L, 120L, 120L], distinct.Select(Convert.ToInt64));
    }

    [Fact]
    public async Task ARestartAfterACrashBetweenFileAndManifestDeletesTheOrphansAndArchivesEachEventOnce()
    {
        string directory;
        await using (var first = Create(deleteOnDispose: false))
        {
            directory = first.DataDirectory;
            await first.PostEventsAsync(Enumerable.Range(0, 50).Select(i => Event($"a{i}", "pageview", T.AddMinutes(i), "web")));
            var manifest = await first.ArchivedAsync(50);
            // What a crash leaves: a complete file renamed into place whose manifest write never happened, and a temp file.
            var listed = Path.Combine(first.Root(), manifest["files"]![0]!["path"]!.GetValue<string>());
            File.Copy(listed, Path.Combine(Path.GetDirectoryName(listed)!, Path.GetFileName(listed)[..5] + "999999999990-999999999999.parquet"));
            File.Copy(listed, listed + ".tmp");
        }

        await using var second = Create(directory);
        await second.PostEventsAsync(Enumerable.Range(0, 30).Select(i => Event($"b{i}", "pageview", T.AddMinutes(i), "web")));
        await second.ArchivedAsync(80);

        var counts = ReadLake(second.Root(), "SELECT count(*), count(DISTINCT event_id) FROM {events}")[0];
        Assert.Equal([80L, 80L], counts.Select(Convert.ToInt64));
        Assert.Empty(Directory.EnumerateFiles(second.Root(), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_flush_larger_than_one_chunk_is_one_file_holding_every_event_once_in_row_groups_of_the_chunk_size()
    {
        // One channel and no campaign: one partition, one archiver, one buffer of 10,000 events written at one flush.
        await using var service = Create(settings: new Dictionary<string, string> { ["Lake:FlushInterval"] = "00:00:03" });
        await Task.WhenAll(Enumerable.Range(0, 10).Select(b =>
            service.PostEventsAsync(Enumerable.Range(b * 1000, 1000).Select(i => Event($"big{i}", "pageview", T.AddMinutes(i % 60), "web")))));

        var manifest = await service.ArchivedAsync(10_000);

        var file = Assert.Single(manifest["files"]!.AsArray())!;
        Assert.Equal(10_000L, file["rows"]!.GetValue<long>());
        var path = Path.Combine(service.Root(), file["path"]!.GetValue<string>());
        var rowGroups = ReadLake(service.Root(), $"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata('{path}') GROUP BY row_group_id ORDER BY row_group_id");
        Assert.Equal([4096L, 4096L, 1808L], rowGroups.Select(r => Convert.ToInt64(r[1])));
        var counts = ReadLake(service.Root(), $"SELECT count(*), count(DISTINCT event_id), min(log_offset) = 0 AND max(log_offset) = 9999 FROM read_parquet('{path}')")[0];
        Assert.Equal([10_000L, 10_000L], counts.Take(2).Select(Convert.ToInt64));
        Assert.True((bool)counts[2]!);
    }

    [Fact]
    public async Task TheManifestNeedsAnAdminOrAnalystKey()
    {
        await using var service = Create();
        Assert.NotNull(await service.ManifestAsync(AdminKey));
        var response = await service.CreateClient(ClientKey).GetAsync("/v1/lake/manifest");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
