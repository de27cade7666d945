using AdOrleans.Streaming.Files;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

public sealed class FileLogRecoveryTests
{
    public enum Damage
    {
        GarbageAppended,
        ZeroesAppended,
        CutMidRecord,
        LastRecordBitFlipped,
    }

    [Theory]
    [InlineData(Damage.GarbageAppended, 100)]
    [InlineData(Damage.ZeroesAppended, 100)]
    [InlineData(Damage.CutMidRecord, 99)]
    [InlineData(Damage.LastRecordBitFlipped, 99)]
    public async Task ATornTailIsCutOffAtRecoveryNoCorruptRecordIsReadAndOffsetsContinue(Damage damage, int survivors)
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 1))
        {
            await log.AppendAsync("events", [.. Enumerable.Range(0, 100).Select(i => Message("k", $"before-{i}"))], CancellationToken.None);
        }

        Harm(directory.Segments(0)[^1], damage);

        await using (var log = directory.Open(partitions: 1))
        {
            Assert.Equal(survivors, await log.EndOffsetAsync(new TopicPartition("events", 0), CancellationToken.None));
            Assert.Equal(Enumerable.Range(0, survivors).Select(i => $"before-{i}"), ReadAll(log, 0).Select(Text));
            await log.AppendAsync("events", [.. Enumerable.Range(0, 10).Select(i => Message("k", $"after-{i}"))], CancellationToken.None);
        }

        // Reopened once more: the damaged bytes were removed, not just skipped, so the new records follow directly.
        await using var reopened = directory.Open(partitions: 1);
        var records = ReadAll(reopened, 0);
        Assert.Equal(Enumerable.Range(0, survivors + 10).Select(i => (long)i), records.Select(r => r.Offset));
        Assert.Equal(
            Enumerable.Range(0, survivors).Select(i => $"before-{i}").Concat(Enumerable.Range(0, 10).Select(i => $"after-{i}")),
            records.Select(Text));
    }

    [Fact]
    public async Task ATornFirstRecordOfTheNewestSegmentLeavesTheOlderSegmentsReadable()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 1, segmentBytes: 4096))
        {
            await log.AppendAsync("events", [.. Enumerable.Range(0, 300).Select(i => Message("k", $"value-{i}"))], CancellationToken.None);
        }

        var newest = directory.Segments(0)[^1];
        var baseOffset = long.Parse(Path.GetFileNameWithoutExtension(newest), System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..20]);

        await using var reopened = directory.Open(partitions: 1, segmentBytes: 4096);
        Assert.Equal(baseOffset, await reopened.EndOffsetAsync(new TopicPartition("events", 0), CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, (int)baseOffset).Select(i => $"value-{i}"), ReadAll(reopened, 0).Select(Text));
    }

    [Fact]
    public async Task ASecondLogOnTheSameDirectoryIsRefusedWhileTheFirstIsOpen()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1);
        Assert.Throws<IOException>(() => directory.Open(partitions: 1));
    }

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    private static void Harm(string segment, Damage damage)
    {
        var bytes = File.ReadAllBytes(segment);
        switch (damage)
        {
            case Damage.GarbageAppended:
                File.AppendAllText(segment, "this is not a record frame, just a crash's leftovers");
                break;
            case Damage.ZeroesAppended:
                File.AppendAllBytes(segment, new byte[4096]);
                break;
            case Damage.CutMidRecord:
                File.WriteAllBytes(segment, bytes[..^7]);
                break;
            case Damage.LastRecordBitFlipped:
                bytes[^2] ^= 0x10;
                File.WriteAllBytes(segment, bytes);
                break;
        }
    }
}
