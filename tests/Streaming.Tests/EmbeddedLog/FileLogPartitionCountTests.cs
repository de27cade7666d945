using AdOrleans.Streaming.Files;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

public sealed class FileLogPartitionCountTests
{
    [Fact]
    public void ANewLogDirectoryHasNoPartitionCountOfItsOwn()
    {
        using var directory = new LogDirectory();

        Assert.Null(PartitionDirectories.Existing(directory.Path));
    }

    [Fact]
    public async Task ALogDirectoryTellsThePartitionCountItWasCreatedWith()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 3))
        {
            await log.AppendAsync("events", [Message("k", "v")], CancellationToken.None);
        }

        Assert.Equal(3, PartitionDirectories.Existing(directory.Path));
    }

    [Fact]
    public async Task ReopeningALogWithAnotherPartitionCountIsRefusedNamingTheSettingAndTheCountOnDisk()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 3))
        {
            await log.AppendAsync("events", [Message("k", "v")], CancellationToken.None);
        }

        var refused = Assert.Throws<InvalidOperationException>(() => directory.Open(partitions: 2));

        Assert.Contains("events: 3 on disk, 2 configured", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set Log:Partitions to 3", refused.Message, StringComparison.Ordinal);
        await using var reopened = directory.Open(partitions: 3);
        Assert.Equal(1, await reopened.EndOffsetAsync(new TopicPartition("events", KeyPartitioner.Partition("k", 3)), CancellationToken.None));
    }
}
