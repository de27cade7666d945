using System.Diagnostics;
using AdOrleans.Grains;
using AdOrleans.Grains.Lake;
using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Bench;

namespace AdOrleans.Lake.Bench;

/// <summary>
/// The archiver's own work without the pipeline: rows of one flush grouped by date and channel, each group written as
/// a Parquet file (Parquet.Net, zstd) with fsync and rename, as <c>LakeArchiverGrain</c> does; then every file of one
/// channel merged into one, as compaction does. Reports rows/s and bytes per million events for both.
/// </summary>
internal static class WriterBench
{
    public static async Task RunAsync(int events, int flushRows, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "adorleans-lake-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            var rows = SyntheticEvents.Generate(events, day)
                .Select((e, i) => (e.Channel, Row: EventRow.From(new LogRecord(Topics.Events, 0, i, e.PartitionKey, ReadOnlyMemory<byte>.Empty, e.ReceivedAt), e)))
                .ToList();
            var files = new List<(string Channel, string Path, long Rows)>();
            var started = Stopwatch.GetTimestamp();
            long bytes = 0;
            for (var from = 0; from < rows.Count; from += flushRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var flush = rows.Skip(from).Take(flushRows).ToList();
                foreach (var group in flush.GroupBy(r => r.Channel))
                {
                    var path = LakePaths.Full(root, LakePaths.EventsFile(DateOnly.FromDateTime(day.UtcDateTime), group.Key, 0, from, from + flush.Count - 1));
                    var list = group.Select(r => r.Row).ToList();
                    bytes += await ParquetRows.WriteAsync(path, list);
                    files.Add((group.Key, path, list.Count));
                }
            }

            var written = Stopwatch.GetElapsedTime(started);
            Report("write (flushes)", events, written, bytes, files.Count);

            started = Stopwatch.GetTimestamp();
            long compacted = 0;
            foreach (var channel in files.GroupBy(f => f.Channel))
            {
                var merged = new List<EventRow>();
                foreach (var file in channel)
                {
                    merged.AddRange(await ParquetRows.ReadAsync(file.Path));
                }

                compacted += await ParquetRows.WriteAsync(Path.Combine(root, $"compacted-{channel.Key}.parquet"), merged);
                if (merged.Count != channel.Sum(f => f.Rows))
                {
                    throw new BenchmarkFailedException($"compaction of {channel.Key} read {merged.Count} rows, wrote {channel.Sum(f => f.Rows)}");
                }
            }

            Report("compaction (one file per channel)", events, Stopwatch.GetElapsedTime(started), compacted, files.Select(f => f.Channel).Distinct().Count());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static void Report(string what, int events, TimeSpan elapsed, long bytes, int files) =>
        Console.WriteLine($"{what}: {events:N0} events in {elapsed.TotalSeconds:0.00} s = {events / elapsed.TotalSeconds:N0} events/s; {files:N0} files, {bytes:N0} bytes = {bytes * 1_000_000.0 / events / (1 << 20):0.0} MiB per 1 M events ({(double)bytes / events:0.0} B/event)");
}
