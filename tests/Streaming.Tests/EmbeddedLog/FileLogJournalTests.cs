using AdOrleans.Streaming.Files;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

public sealed class FileLogJournalTests
{
    private static readonly TopicPartition Partition0 = new("events", 0);

    [Fact]
    public async Task AcknowledgedRecordsMissingFromTheirSegmentFilesAfterAPowerLossAreRestoredFromTheJournal()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 2);
        await AppendAsync(log, "before", 100);
        using var crashed = directory.CrashCopy();

        // The segment files were never fsynced: a power loss may leave any prefix of them (here: nothing, and half).
        File.WriteAllBytes(crashed.Segments(0)[^1], []);
        var other = crashed.Segments(1)[^1];
        File.WriteAllBytes(other, File.ReadAllBytes(other)[..(int)(new FileInfo(other).Length / 2)]);

        await using var recovered = crashed.Open(partitions: 2);
        Assert.Equal(ReadAll(log, 0).Select(Text), ReadAll(recovered, 0).Select(Text));
        Assert.Equal(ReadAll(log, 1).Select(Text), ReadAll(recovered, 1).Select(Text));
        Assert.Equal(100, ReadAll(recovered, 0).Count + ReadAll(recovered, 1).Count);
    }

    [Fact]
    public async Task ATornJournalTailIsIgnoredAndAppendsContinueAfterTheLastWholeRecord()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1);
        await AppendAsync(log, "before", 50);
        using var crashed = directory.CrashCopy();
        File.WriteAllBytes(crashed.Segments(0)[^1], []);
        using (var journal = new FileStream(crashed.Journals()[^1], FileMode.Append))
        {
            journal.Write([.. Enumerable.Range(0, 100).Select(i => (byte)(i * 7))]);
        }

        await using (var recovered = crashed.Open(partitions: 1))
        {
            Assert.Equal(50, await recovered.EndOffsetAsync(Partition0, CancellationToken.None));
            await AppendAsync(recovered, "after", 5);
        }

        await using var reopened = crashed.Open(partitions: 1);
        Assert.Equal(
            Enumerable.Range(0, 50).Select(i => $"before-{i}").Concat(Enumerable.Range(0, 5).Select(i => $"after-{i}")),
            ReadAll(reopened, 0).Select(Text));
    }

    [Fact]
    public async Task ACheckpointFlushesTheSegmentFilesSoTheJournalOnlyHoldsLaterCommits()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1, journalBytes: 1 << 16);
        for (var batch = 0; batch < 40; batch++)
        {
            await log.AppendAsync("events", [Message("k", new string('x', 4000))], CancellationToken.None);
        }

        var journals = directory.Journals();
        Assert.Single(journals);
        Assert.InRange(new FileInfo(journals[0]).Length, 0, 1 << 16);
    }

    [Fact]
    public async Task SegmentFilesMissingRecordsTheJournalNoLongerHoldsMakeOpeningFailInsteadOfLosingThem()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1, journalBytes: 1 << 16);
        for (var batch = 0; batch < 40; batch++)
        {
            await log.AppendAsync("events", [Message("k", new string('x', 4000))], CancellationToken.None);
        }

        using var damaged = directory.CrashCopy();
        File.WriteAllBytes(damaged.Segments(0)[^1], []);

        var error = Assert.Throws<InvalidDataException>(() => damaged.Open(partitions: 1, journalBytes: 1 << 16));
        Assert.Contains("the journal continues at offset", error.Message);
    }

    [Fact]
    public async Task AfterACleanCloseTheJournalIsEmptyAndReopeningReplaysNothing()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 2))
        {
            await AppendAsync(log, "before", 20);
        }

        Assert.All(directory.Journals(), journal => Assert.Equal(0, new FileInfo(journal).Length));
        await using var reopened = directory.Open(partitions: 2);
        Assert.Equal(20, ReadAll(reopened, 0).Count + ReadAll(reopened, 1).Count);
    }

    private static Task AppendAsync(FileLog log, string prefix, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync("events", [Message($"k{i % 7}", $"{prefix}-{i}")], CancellationToken.None).AsTask()));
}
