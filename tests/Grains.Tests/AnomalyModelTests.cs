using AdOrleans.Grains.Alerts;

namespace AdOrleans.Grains.Tests;

/// <summary>The anomaly rules' median/MAD score and its warm-up.</summary>
public sealed class AnomalyModelTests
{
    private static readonly double[] Week = [0.045, 0.05, 0.055, 0.05, 0.045, 0.055, 0.05];

    [Fact]
    public void Nothing_is_scored_before_the_warm_up_days_had_data() =>
        Assert.Null(AnomalyModel.Score(0.0, Week[..6], warmupDays: 7));

    [Fact]
    public void The_score_is_the_distance_from_the_median_in_robust_standard_deviations() =>
        Assert.Equal((0.0 - 0.05) / (AnomalyModel.NormalConsistency * 0.005), AnomalyModel.Score(0.0, Week, warmupDays: 7)!.Value, 9);

    [Fact]
    public void One_wild_day_in_the_history_does_not_move_the_baseline() =>
        Assert.Equal(AnomalyModel.Score(0.05, Week, 7), AnomalyModel.Score(0.05, [.. Week[..6], 5.0], 7));

    [Fact]
    public void A_flat_history_scales_by_one_percent_of_the_median_not_by_zero() =>
        Assert.Equal(-5, AnomalyModel.Score(0.0475, [.. Enumerable.Repeat(0.05, 7)], 7)!.Value, 9);

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5, AnomalyModel.Median([4, 1, 3, 2]));
}
