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
    public void A_history_that_agrees_by_chance_scales_by_the_metrics_sampling_noise_instead()
    {
        // Seven days of ~1,000 impressions that happen to lie within ±2 of each other: a MAD of 1 would make 1,095 a z
        // of 64, yet a Poisson count of 1,000 moves by √1,000 ≈ 31.6 by chance alone (and 1 % of it is only 10).
        double[] counts = [1_000, 1_001, 999, 1_002, 998, 1_000, 1_001];
        var counter = AlertMetrics.Kpi("impressions")!;
        var value = 1_000 + 3 * Math.Sqrt(1_000);

        var score = AnomalyModel.Score(value, counts, 7, median => counter.Noise(median, (long)value));

        Assert.Equal(3, score!.Value, 9);
    }

    [Fact]
    public void A_proportions_sampling_noise_shrinks_with_its_volume()
    {
        var ctr = AlertMetrics.Kpi("ctr")!;

        Assert.Equal(Math.Sqrt(0.01 * 0.99 / 1000), ctr.Noise(0.01, 1000), 12);
        Assert.Equal(ctr.Noise(0.01, 1000) / 10, ctr.Noise(0.01, 100_000), 12);
        Assert.Equal(0, AlertMetrics.Kpi("roas")!.Noise(2.5, 1000));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5, AnomalyModel.Median([4, 1, 3, 2]));
}
