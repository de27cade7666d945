using AdOrleans.Silo.Memory;

namespace AdOrleans.Service.Tests;

public sealed class YoungCollectionPacingTests
{
    private const long MiB = 1024 * 1024;

    private static ProcessSample At(double seconds, long allocatedMiB, double cpuSeconds = 0, int youngCollections = 0) =>
        new(youngCollections, allocatedMiB * MiB, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(cpuSeconds));

    [Fact]
    public void A_process_below_saturation_is_collected_once_it_allocated_the_budget()
    {
        var pacing = new YoungCollectionPacing(8 * MiB, 0.75, processors: 2, At(0, 0));

        Assert.False(pacing.ShouldCollect(At(0.05, 7)));
        Assert.True(pacing.ShouldCollect(At(0.1, 8)));
    }

    [Fact]
    public void After_a_paced_collection_the_budget_counts_from_it()
    {
        var pacing = new YoungCollectionPacing(8 * MiB, 0.75, processors: 2, At(0, 0));
        Assert.True(pacing.ShouldCollect(At(0.1, 9)));

        pacing.Collected(At(0.1, 9, youngCollections: 1));

        Assert.False(pacing.ShouldCollect(At(0.2, 16, youngCollections: 1)));
        Assert.True(pacing.ShouldCollect(At(0.3, 17, youngCollections: 1)));
    }

    [Fact]
    public void A_collection_the_collector_ran_by_itself_also_restarts_the_count()
    {
        var pacing = new YoungCollectionPacing(8 * MiB, 0.75, processors: 2, At(0, 0));

        Assert.False(pacing.ShouldCollect(At(0.1, 7, youngCollections: 1)));
        Assert.False(pacing.ShouldCollect(At(0.2, 14, youngCollections: 1)));
        Assert.True(pacing.ShouldCollect(At(0.3, 15, youngCollections: 1)));
    }

    [Fact]
    public void A_saturated_process_is_left_to_the_collector_until_its_load_falls_below_the_ceiling()
    {
        var pacing = new YoungCollectionPacing(8 * MiB, 0.75, processors: 2, At(0, 0));

        Assert.False(pacing.ShouldCollect(At(1.0, 500, cpuSeconds: 1.6)));
        Assert.False(pacing.ShouldCollect(At(1.5, 900, cpuSeconds: 2.4)));
        Assert.True(pacing.ShouldCollect(At(2.0, 1000, cpuSeconds: 2.6)));
    }

    [Fact]
    public void The_load_is_judged_over_all_processors()
    {
        var pacing = new YoungCollectionPacing(8 * MiB, 0.75, processors: 4, At(0, 0));

        Assert.True(pacing.ShouldCollect(At(1.0, 100, cpuSeconds: 2.9)));
    }
}
