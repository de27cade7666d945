namespace AdOrleans.Streaming.Tests;

public sealed class LogStreamOptionsTests
{
    [Theory]
    [InlineData(8_000_000, 16, 500_000)]
    [InlineData(8_000_000, 4, 2_000_000)]
    [InlineData(10_000, 3, 3_334)]
    public void TheRetryWindowsShareTheirCapacityEvenlyOverThePartitionsRoundedUp(int capacity, int partitions, int perPartition) =>
        Assert.Equal(perPartition, new LogStreamOptions { DedupeCapacity = capacity }.DedupeCapacityPerPartition(partitions));

    [Fact]
    public void The_defaults_pass_the_cross_field_checks() =>
        Assert.True(new LogStreamOptionsValidator().Validate(null, new LogStreamOptions()).Succeeded);

    [Fact]
    public void A_cache_smaller_than_one_poll_is_refused_naming_both_settings()
    {
        var result = new LogStreamOptionsValidator().Validate(null, new LogStreamOptions { MaxRecordsPerPoll = 8_192, CacheRecords = 4_096 });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Streams:CacheRecords (4096)", failure, StringComparison.Ordinal);
        Assert.Contains("Streams:MaxRecordsPerPoll (8192)", failure, StringComparison.Ordinal);
    }
}
