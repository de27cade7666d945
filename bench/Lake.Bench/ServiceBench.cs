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
/// Lake:FlushInterval is 1 s here (default 10 s) so the tail after the last append is short.
/// </summary>
internal static class ServiceBench
{
    private const int AppendBatch = 2_000;

    public static async Task RunAsync(int events, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "adorleans-lake-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var service = new EmbeddedService(directory);
            _ = service.Server; // starts the host
            var log = service.Services.GetRequiredService<IPartitionedLog>();
            var manifest = service.Services.GetRequiredService<LakeManifestReader>();
            var day = DateTimeOffset.UtcNow.AddHours(-2);
            var started = Stopwatch.GetTimestamp();
            foreach (var batch in SyntheticEvents.Generate(events, new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero)).Chunk(AppendBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await log.AppendAsync(Topics.Events, [.. batch.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e with { OccurredAt = day, ReceivedAt = day }, GrainJsonContext.Default.TrackedEvent)))], cancellationToken);
            }

            var appended = Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"appended {events:N0} events in {appended.TotalSeconds:0.00} s");
            var lastProgress = (Rows: -1L, At: Stopwatch.GetTimestamp());
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var files = await manifest.FilesAsync();
                var rows = files.Sum(f => f.Rows);
                if (rows == events)
                {
                    WriterBench.Report("service (append → archived, all partitions)", events, Stopwatch.GetElapsedTime(started), files.Sum(f => f.Bytes), files.Count);
                    return;
                }

                if (rows > events)
                {
                    throw new BenchmarkFailedException($"the manifest lists {rows:N0} rows for {events:N0} events");
                }

                if (rows != lastProgress.Rows)
                {
                    lastProgress = (rows, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastProgress.At) > TimeSpan.FromMinutes(2))
                {
                    throw new BenchmarkFailedException($"stalled at {rows:N0} of {events:N0} archived rows");
                }

                await Task.Delay(250, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
