using AdOrleans.Silo.Memory;

namespace AdOrleans.Service.Tests;

public sealed class TrimPolicyTests
{
    private const long MiB = 1024 * 1024;

    private static readonly MemoryOptions Options = new() { CheckInterval = TimeSpan.FromSeconds(10), IdleAllocationBytesPerSecond = 8 * MiB, TrimAboveBytes = 128 * MiB };

    [Fact]
    public void A_grown_heap_is_trimmed_once_allocation_stops_and_left_to_the_collector_while_it_goes_on()
    {
        var policy = new TrimPolicy(Options, allocatedBytes: 0, committedBytes: 300 * MiB);

        Assert.Equal(IdleStep.None, policy.Next(allocatedBytes: 5_000 * MiB, committedBytes: 2_400 * MiB));
        Assert.Equal(IdleStep.None, policy.Next(allocatedBytes: 9_000 * MiB, committedBytes: 2_500 * MiB));
        Assert.Equal(IdleStep.Trim, policy.Next(allocatedBytes: 9_010 * MiB, committedBytes: 2_500 * MiB));
    }

    [Fact]
    public void An_idle_heap_that_grew_less_than_the_threshold_gets_a_young_collection_and_no_trim()
    {
        var policy = new TrimPolicy(Options, allocatedBytes: 0, committedBytes: 300 * MiB);

        Assert.Equal(IdleStep.CollectYoung, policy.Next(allocatedBytes: 10 * MiB, committedBytes: 400 * MiB));
    }

    [Fact]
    public void Without_young_collections_an_idle_heap_below_the_threshold_is_left_alone()
    {
        var options = new MemoryOptions { CheckInterval = Options.CheckInterval, IdleAllocationBytesPerSecond = 8 * MiB, TrimAboveBytes = 128 * MiB, CollectYoungWhenIdle = false };
        var policy = new TrimPolicy(options, allocatedBytes: 0, committedBytes: 300 * MiB);

        Assert.Equal(IdleStep.None, policy.Next(allocatedBytes: 10 * MiB, committedBytes: 400 * MiB));
        Assert.Equal(IdleStep.Trim, policy.Next(allocatedBytes: 20 * MiB, committedBytes: 500 * MiB));
    }

    [Fact]
    public void After_a_trim_growth_counts_from_what_it_left_so_an_idle_process_is_not_trimmed_again()
    {
        var policy = new TrimPolicy(Options, allocatedBytes: 0, committedBytes: 300 * MiB);
        Assert.Equal(IdleStep.Trim, policy.Next(allocatedBytes: 10 * MiB, committedBytes: 2_500 * MiB));

        policy.Trimmed(allocatedBytes: 20 * MiB, committedBytes: 350 * MiB);

        Assert.Equal(IdleStep.CollectYoung, policy.Next(allocatedBytes: 30 * MiB, committedBytes: 360 * MiB));
        Assert.Equal(IdleStep.CollectYoung, policy.Next(allocatedBytes: 40 * MiB, committedBytes: 360 * MiB));
    }

    [Fact]
    public void When_the_collector_shrinks_the_heap_by_itself_growth_counts_from_there()
    {
        var policy = new TrimPolicy(Options, allocatedBytes: 0, committedBytes: 1_000 * MiB);

        Assert.Equal(IdleStep.CollectYoung, policy.Next(allocatedBytes: 10 * MiB, committedBytes: 200 * MiB));
        Assert.Equal(IdleStep.Trim, policy.Next(allocatedBytes: 20 * MiB, committedBytes: 400 * MiB));
    }
}
