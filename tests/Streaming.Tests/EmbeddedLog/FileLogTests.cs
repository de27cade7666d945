using AdOrleans.Streaming.Files;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

public sealed class FileLogTests
{
    [Fact]
    public async Task AppendedRecordsAreReadBackInOrderWithDenseOffsetsInTheirKeysPartitions()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 4);
        var messages = Enumerable.Range(0, 500).Select(i => Message($"user-{i % 37}", $"event-{i}")).ToList();
        await log.AppendAsync("events", messages[..200], CancellationToken.None);
        await log.AppendAsync("events", messages[200..], CancellationToken.None);

        for (var p = 0; p < 4; p++)
        {
            var expected = messages.Where(m => KeyPartitioner.Partition(m.Key, 4) == p).ToList();
            var records = ReadAll(log, p);
            Assert.Equal(expected.Select(m => m.Key), records.Select(r => r.Key));
            Assert.Equal(expected.Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span)), records.Select(Text));
            Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (long)i), records.Select(r => r.Offset));
            Assert.All(records, r => Assert.Equal(("events", p), (r.Topic, r.Partition)));
            Assert.Equal(expected.Count, await log.EndOffsetAsync(new TopicPartition("events", p), CancellationToken.None));
        }
    }

    [Fact]
    public async Task ReopeningTheLogAfterDisposeContinuesOffsetsAndKeepsAllRecords()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 1))
        {
            await log.AppendAsync("events", [.. Enumerable.Range(0, 100).Select(i => Message("k", $"first-{i}"))], CancellationToken.None);
        }

        await using (var log = directory.Open(partitions: 1))
        {
            Assert.Equal(100, await log.EndOffsetAsync(new TopicPartition("events", 0), CancellationToken.None));
            await log.AppendAsync("events", [.. Enumerable.Range(0, 50).Select(i => Message("k", $"second-{i}"))], CancellationToken.None);
        }

        await using var reopened = directory.Open(partitions: 1);
        var records = ReadAll(reopened, 0);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (long)i), records.Select(r => r.Offset));
        Assert.Equal(
            Enumerable.Range(0, 100).Select(i => $"first-{i}").Concat(Enumerable.Range(0, 50).Select(i => $"second-{i}")),
            records.Select(Text));
    }

    [Fact]
    public async Task ReadersStartFromAnyOffsetAcrossSegmentRollsBeforeAndAfterReopening()
    {
        using var directory = new LogDirectory();
        var values = Enumerable.Range(0, 600).Select(i => $"value-{i}-" + new string('x', i % 50)).ToList();
        await using (var log = directory.Open(partitions: 1, segmentBytes: 4096, indexIntervalBytes: 512))
        {
            foreach (var chunk in values.Chunk(45))
            {
                await log.AppendAsync("events", [.. chunk.Select(v => Message("k", v))], CancellationToken.None);
            }

            Assert.True(directory.Segments(0).Length >= 10, "a 4 KiB segment size must roll many times");
            AssertEveryStartReadsTheRest(log);
        }

        // After reopening, all segments but the last were sealed by the previous run: their index is built on the first seek.
        await using var reopened = directory.Open(partitions: 1, segmentBytes: 4096, indexIntervalBytes: 512);
        AssertEveryStartReadsTheRest(reopened);

        void AssertEveryStartReadsTheRest(FileLog log)
        {
            foreach (var from in new[] { 0, 1, 17, 44, 45, 46, 255, 300, 457, 598, 599, 600 })
            {
                var records = ReadAll(log, 0, from, batch: 64);
                Assert.Equal(Enumerable.Range(from, 600 - from).Select(i => (long)i), records.Select(r => r.Offset));
                Assert.Equal(values[from..], records.Select(Text));
            }
        }
    }

    [Fact]
    public async Task WaitForRecordsCompletesWhenAnotherThreadAppends()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1);
        using var reader = log.OpenReader(new TopicPartition("events", 0), 0);
        Assert.False(await reader.WaitForRecordsAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));

        var waiting = reader.WaitForRecordsAsync(TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();
        var appending = Task.Run(async () => await log.AppendAsync("events", [Message("k", "hello")], CancellationToken.None));

        Assert.True(await waiting);
        await appending;
        var records = new List<LogRecord>();
        Assert.Equal(1, reader.Read(records, 10));
        Assert.Equal("hello", Text(records[0]));
    }

    [Fact]
    public async Task PingIsTrueWhileOpenAndAppendsAfterDisposeThrowLogUnavailable()
    {
        using var directory = new LogDirectory();
        var log = directory.Open(partitions: 1);
        Assert.True(await log.PingAsync(CancellationToken.None));
        await log.DisposeAsync();
        Assert.False(await log.PingAsync(CancellationToken.None));
        await Assert.ThrowsAsync<LogUnavailableException>(() => log.AppendAsync("events", [Message("k", "late")], CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ABatchWithAnOversizedRecordIsRejectedWholeAndAppendsNothing()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1);
        var tooBig = new LogMessage("k", new byte[(16 << 20) + 1]);
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("events", [Message("k", "small"), tooBig], CancellationToken.None).AsTask());
        Assert.Equal(0, await log.EndOffsetAsync(new TopicPartition("events", 0), CancellationToken.None));
    }
}
