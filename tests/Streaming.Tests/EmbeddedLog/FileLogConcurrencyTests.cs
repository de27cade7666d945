using System.Collections.Concurrent;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

public sealed class FileLogConcurrencyTests
{
    private const int Threads = 8;
    private const int Batches = 40;
    private const int BatchSize = 100;

    [Fact]
    public async Task ConcurrentAppendersStoreEveryRecordExactlyOnceAndKeepEachKeysOrder()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 4, segmentBytes: 64 << 10);
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var sequence = 0;
            for (var b = 0; b < Batches; b++)
            {
                // Keys are per thread, so each key's order is the order its thread appended in.
                var batch = Enumerable.Range(0, BatchSize).Select(_ => sequence++).Select(s => Message($"t{t}-k{s % 13}", $"{s}")).ToList();
                await log.AppendAsync("events", batch, CancellationToken.None);
            }
        })));

        var all = Enumerable.Range(0, 4).SelectMany(p => ReadAll(log, p, batch: 500)).ToList();
        Assert.Equal(Threads * Batches * BatchSize, all.Count);
        Assert.Equal(all.Count, all.Select(r => (r.Key, Text(r))).Distinct().Count());
        Assert.All(all, r => Assert.Equal(KeyPartitioner.Partition(r.Key, 4), r.Partition));
        foreach (var key in all.GroupBy(r => r.Key))
        {
            var sequences = key.Select(r => int.Parse(Text(r), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    [Fact]
    public async Task SeveralReadersTailingOnePartitionDuringAppendsEachSeeEveryRecordInOrder()
    {
        const int total = 5000;
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1, segmentBytes: 16 << 10);
        var seen = new ConcurrentBag<List<long>>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var reader = log.OpenReader(new TopicPartition("events", 0), 0);
            var records = new List<LogRecord>();
            while (records.Count < total)
            {
                if (reader.Read(records, 128) == 0)
                {
                    Assert.True(await reader.WaitForRecordsAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
                }
            }

            seen.Add([.. records.Select(r => r.Offset)]);
        })).ToList();

        for (var i = 0; i < total; i += 250)
        {
            await log.AppendAsync("events", [.. Enumerable.Range(i, 250).Select(n => Message("k", $"{n}"))], CancellationToken.None);
        }

        await Task.WhenAll(readers);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, offsets => Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), offsets));
    }
}
