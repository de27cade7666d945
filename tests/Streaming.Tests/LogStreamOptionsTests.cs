namespace AdOrleans.Streaming.Tests;

public sealed class LogStreamOptionsTests
{
    [Theory]
    [InlineData(8_000_000, 16, 500_000)]
    [InlineData(8_000_000, 4, 2_000_000)]
    [InlineData(10_000, 3, 3_334)]
    public void TheRetryWindowsShareTheirCapacityEvenlyOverThePartitionsRoundedUp(int capacity, int partitions, int perPartition) =>
        Assert.Equal(perPartition, new LogStreamOptions { DedupeCapacity = capacity }.DedupeCapacityPerPartition(partitions));
}
