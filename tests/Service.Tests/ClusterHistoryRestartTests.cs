using System.Net.Http.Json;
using System.Text.Json;
using AdOrleans.Silo.Operations.History;

namespace AdOrleans.Service.Tests;

/// <summary>
/// Issue #16.3: the Cluster page's history shows no fake spike after a restart. The log outlives the process, so a
/// rate computed from offsets read before the restarted silo owned its partitions and after (0 → every record ever
/// appended) would chart the whole log as one interval's throughput.
/// </summary>
public sealed class ClusterHistoryRestartTests
{
    private const int Events = 300;

    private static EmbeddedServiceFactory Start(string? directory = null) => new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-history-tests",
        DataDirectory = directory,
        DeleteOnDispose = directory is not null,
        Partitions = 2,
        // The lake holds a partition's checkpoint while it buffers (docs/lake.md): flushing at once commits every event before the restart.
        Settings = new Dictionary<string, string> { ["ClusterHistory:SampleInterval"] = "00:00:00.100", ["Lake:FlushInterval"] = "00:00:00.100" },
    });

    [Fact]
    public async Task AfterARestartNoSampleChartsTheRecordsAppendedBeforeIt()
    {
        string directory;
        await using (var first = Start())
        {
            directory = first.DataDirectory;
            var client = first.CreateClient(first.ClientKey);
            for (var i = 0; i < Events; i += 50)
            {
                var batch = Enumerable.Range(i, 50).Select(n => Sample.Event($"r-{n}", "c-restart")).ToList();
                await client.PostAsJsonAsync("/v1/events/batch", new { events = batch });
            }

            await Eventually.GetAsync<JsonElement>(first.CreateClient(first.AdminKey), "/v1/cluster", c => Committed(c) >= Events);
        }

        await using var restarted = Start(directory);
        var admin = restarted.CreateClient(restarted.AdminKey);
        await Eventually.GetAsync<JsonElement>(admin, "/v1/cluster", c => Committed(c) >= Events);
        var owned = DateTimeOffset.UtcNow;
        var history = await Eventually.GetAsync<ClusterHistoryView>(admin, "/v1/cluster/history", h => h.Samples.Count(s => s.At > owned) >= 3);

        var records = history.Samples.Select(s => s.LogRecordsPerSecond * s.IntervalSeconds).ToList();
        Assert.True(records.All(r => r < 1), $"records per sample after the restart: {string.Join(", ", records.Select(r => r.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(history.Samples, s => Assert.True(s.CommitsPerSecond * s.IntervalSeconds < 1, $"{s.CommitsPerSecond} commits/s at {s.At:O}"));
    }

    [Fact]
    public void APartitionOwnedInOnlyOneOfTwoReadingsAddsNoThroughput()
    {
        var at = DateTimeOffset.UnixEpoch;
        var before = Reading(at, new() { [new("events", 0)] = (100, 100) });
        var after = Reading(at.AddSeconds(5), new() { [new("events", 0)] = (110, 105), [new("events", 1)] = (1_000_000, 1_000_000) });

        var sample = after.Since(before);

        Assert.Equal((2.0, 1.0), (sample.LogRecordsPerSecond, sample.CommitsPerSecond));
    }

    private static ClusterCounters Reading(DateTimeOffset at, Dictionary<AdOrleans.Log.TopicPartition, (long End, long Committed)> partitions) =>
        new(at, TimeSpan.Zero, 0, partitions, 0, []);

    private static long Committed(JsonElement cluster) =>
        cluster.GetProperty("partitions").EnumerateArray().Where(p => p.GetProperty("topic").GetString() == "events").Sum(p => p.GetProperty("committedOffset").GetInt64());
}
