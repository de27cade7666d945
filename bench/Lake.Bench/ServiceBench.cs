using System.Diagnostics;
using System.Text.Json;
using AdOrleans.Bench;
using AdOrleans.Gateway.Lake;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Lake.Bench;

/// <summary>
/// End to end in the embedded service (16 partitions, SQLite): the events are appended to the log as the gateway
/// appends them, and the clock runs until the manifest lists every one of them — stream delivery, the partition
/// aggregators (KPIs) and the archivers all run, so this is the rate at which the whole service archives.
/// Lake:FlushInterval is 1 s here (default 10 s) so the tail after the last append is short. The time until the
/// partition aggregators counted every event is taken too; run once with the lake off (<c>--lake off</c>) to see what
/// archiving costs the pipeline.
/// </summary>
internal static class ServiceBench
{
    private const int AppendBatch = 2_000;

    private const int Campaigns = 100;

    public static async Task RunAsync(int events, bool lake, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "adorleans-lake-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var service = new EmbeddedService(directory, lake);
            _ = service.Server; // starts the host
            var log = service.Services.GetRequiredService<IPartitionedLog>();
            var manifest = service.Services.GetRequiredService<LakeManifestReader>();
            var grains = service.Services.GetRequiredService<IGrainFactory>();
            var day = DateTimeOffset.UtcNow.AddHours(-2);
            var started = Stopwatch.GetTimestamp();
            foreach (var batch in SyntheticEvents.Generate(events, new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero)).Chunk(AppendBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await log.AppendAsync(Topics.Events, [.. batch.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e with { OccurredAt = day, ReceivedAt = day }, GrainJsonContext.Default.TrackedEvent)))], cancellationToken);
            }

            var appended = Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"appended {events:N0} events in {appended.TotalSeconds:0.00} s");
            var lastProgress = (Value: -1L, At: Stopwatch.GetTimestamp());
            var aggregated = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var counted = aggregated ? events : await CountedAsync(grains, log);
                if (!aggregated && counted == events)
                {
                    aggregated = true;
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    Console.WriteLine($"service, lake {(lake ? "on" : "off")} (append → counted by the aggregators): {events:N0} events in {elapsed.TotalSeconds:0.00} s = {events / elapsed.TotalSeconds:N0} events/s");
                    if (!lake)
                    {
                        return;
                    }
                }

                var files = lake ? await manifest.FilesAsync() : [];
                var rows = files.Sum(f => f.Rows);
                if (rows > events || counted > events)
                {
                    throw new BenchmarkFailedException($"{rows:N0} archived rows and {counted:N0} counted events for {events:N0} appended");
                }

                if (aggregated && rows == events)
                {
                    WriterBench.Report("service, lake on (append → archived, all partitions)", events, Stopwatch.GetElapsedTime(started), files.Sum(f => f.Bytes), files.Count);
                    return;
                }

                if (rows + counted != lastProgress.Value)
                {
                    lastProgress = (rows + counted, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastProgress.At) > TimeSpan.FromMinutes(2))
                {
                    throw new BenchmarkFailedException($"stalled at {counted:N0} counted and {rows:N0} archived of {events:N0} events");
                }

                await Task.Delay(250, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Events the partition aggregators counted, over the campaigns the synthetic events name.</summary>
    private static async Task<long> CountedAsync(IGrainFactory grains, IPartitionedLog log)
    {
        var totals = await Task.WhenAll(Enumerable.Range(0, Campaigns).Select(c => grains.ForLogKey($"c-{c}", log.PartitionCount(Topics.Events)).GetTotalsAsync($"c-{c}")));
        return totals.Sum(t => t?.Events ?? 0);
    }
}
