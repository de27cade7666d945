using AdOrleans.Grains.Lake;

namespace AdOrleans.Lake.Tests;

public sealed class LakeMaintenanceTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static readonly LakeOptions Options = new() { TargetFileRows = 1000, CompactMinFiles = 3, RetentionDays = 10 };

    private static LakeFile File(DateOnly date, long from, long rows, string channel = "web") => new()
    {
        Path = LakePaths.EventsFile(date, channel, 0, from, from + 9), Dataset = LakePaths.Events, Date = date, Channel = channel, Partition = 0,
        Rows = rows, Bytes = rows * 10, Offsets = [new OffsetRange(from, from + 9)], CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void SmallFilesOfAPastDayAreMergedIntoOneWhateverTheirNumber()
    {
        var files = new[] { File(Today.AddDays(-1), 10, 5), File(Today.AddDays(-1), 0, 5), File(Today.AddDays(-1), 20, 5000) };
        var plan = LakeMaintenance.Decide(files, Today, Options);
        var merge = Assert.Single(plan.Merges);
        Assert.Equal([0L, 10L], merge.Select(f => f.Offsets[0].From));
        Assert.Empty(plan.Expired);
    }

    [Fact]
    public void TheCurrentDayIsCompactedOnlyOnceItHasCompactMinFilesSmallFilesPerChannel()
    {
        var two = new[] { File(Today, 0, 5), File(Today, 10, 5), File(Today, 20, 5, "email") };
        Assert.Empty(LakeMaintenance.Decide(two, Today, Options).Merges);

        var three = two.Append(File(Today, 30, 5)).ToList();
        var merge = Assert.Single(LakeMaintenance.Decide(three, Today, Options).Merges);
        Assert.All(merge, f => Assert.Equal("web", f.Channel));
    }

    [Fact]
    public void AMergeStopsAtTheTargetFileSize()
    {
        var files = new[] { File(Today.AddDays(-2), 0, 600), File(Today.AddDays(-2), 10, 300), File(Today.AddDays(-2), 20, 300) };
        var merge = Assert.Single(LakeMaintenance.Decide(files, Today, Options).Merges);
        Assert.Equal(2, merge.Count);
    }

    [Fact]
    public void DatePartitionsOlderThanTheRetentionExpireAndAreNotMerged()
    {
        var files = new[] { File(Today.AddDays(-11), 0, 5), File(Today.AddDays(-11), 10, 5), File(Today.AddDays(-10), 20, 5) };
        var plan = LakeMaintenance.Decide(files, Today, Options);
        Assert.Equal([0L, 10L], plan.Expired.Select(f => f.Offsets[0].From));
        Assert.Empty(plan.Merges);
        Assert.Empty(LakeMaintenance.Decide(files, Today, new LakeOptions { RetentionDays = 0 }).Expired);
    }

    [Fact]
    public void OffsetRangesThatTouchAreMergedAndGapsKept()
    {
        var merged = LakePaths.Merge([new OffsetRange(10, 19), new OffsetRange(0, 9), new OffsetRange(30, 39)]);
        Assert.Equal([new OffsetRange(0, 19), new OffsetRange(30, 39)], merged);
    }
}
