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
            var files = await WriteFlushesAsync(root, events, flushRows, cancellationToken);
            await CompactAsync(root, events, files, cancellationToken);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<(string Channel, string Path, long Rows)>> WriteFlushesAsync(string root, int events, int flushRows, CancellationToken cancellationToken)
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

        Report("write (flushes)", events, Stopwatch.GetElapsedTime(started), bytes, files.Count);
        return files;
    }

    /// <summary>
    /// Compaction as maintenance runs it, through <see cref="ParquetRows.MergeAsync"/> with the default
    /// <c>Lake:MergeRowGroupRows</c>: per channel, every file but the last two into one, as the day's earlier passes
    /// leave it, then that merge with the last two. Reports the peak of the process's RSS and managed heap during the
    /// merges above what they were before, sampled every 10 ms.
    /// </summary>
    private static async Task CompactAsync(string root, int events, List<(string Channel, string Path, long Rows)> files, CancellationToken cancellationToken)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (rssBefore, heapBefore) = (Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
        using var sampler = new PeakMemorySampler();
        var started = Stopwatch.GetTimestamp();
        var merged = new List<(string Path, long Rows)>();
        long compacted = 0;
        foreach (var channel in files.GroupBy(f => f.Channel))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var paths = channel.Select(f => f.Path).ToList();
            var earlier = Path.Combine(root, $"earlier-{channel.Key}.parquet");
            await ParquetRows.MergeAsync(earlier, paths.SkipLast(2), MergeRowGroupRows);
            var path = Path.Combine(root, $"compacted-{channel.Key}.parquet");
            compacted += await ParquetRows.MergeAsync(path, paths.TakeLast(2).Prepend(earlier), MergeRowGroupRows);
            merged.Add((path, channel.Sum(f => f.Rows)));
        }

        var (elapsed, peakRss, peakHeap) = (Stopwatch.GetElapsedTime(started), sampler.PeakRss, sampler.PeakHeap);
        Report("compaction (two merges per channel)", events, elapsed, compacted, merged.Count);
        Console.WriteLine($"compaction memory: peak RSS +{Mib(peakRss - rssBefore)} MiB above the {Mib(rssBefore)} MiB before, " +
            $"peak managed heap +{Mib(peakHeap - heapBefore)} MiB above the {Mib(heapBefore)} MiB before");
        foreach (var (path, rows) in merged)
        {
            var read = 0L;
            await foreach (var group in ParquetRows.ReadRowGroupsAsync(path, cancellationToken))
            {
                read += group.Count;
            }

            if (read != rows)
            {
                throw new BenchmarkFailedException($"compaction into {Path.GetFileName(path)} wrote {read} rows, its files held {rows}");
            }
        }
    }

    private static readonly int MergeRowGroupRows = new LakeOptions().MergeRowGroupRows;

    private static long Mib(long bytes) => bytes >> 20;

    public static void Report(string what, int events, TimeSpan elapsed, long bytes, int files) =>
        Console.WriteLine($"{what}: {events:N0} events in {elapsed.TotalSeconds:0.00} s = {events / elapsed.TotalSeconds:N0} events/s; {files:N0} files, {bytes:N0} bytes = {bytes * 1_000_000.0 / events / (1 << 20):0.0} MiB per 1 M events ({(double)bytes / events:0.0} B/event)");
}
