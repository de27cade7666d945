using AdOrleans.Gateway.Experiments;

namespace AdOrleans.AdServing.Tests;

/// <summary>Each statistic against a published or hand-computed answer (docs/experiments.md has the formulas).</summary>
public sealed class ExperimentStatisticsTests
{
    [Fact]
    public void TheWilsonIntervalOf81In263IsNewcombesPublished0_2553To0_3662()
    {
        // Newcombe (1998), Statistics in Medicine 17:857, table II: 81/263, Wilson score interval 0.2553–0.3662.
        var (low, high) = ExperimentStatistics.Wilson(new Proportion(81, 263), 0.05)!.Value;

        Assert.Equal(0.2553, low, 4);
        Assert.Equal(0.3662, high, 4);
    }

    [Fact]
    public void TheWilsonIntervalOfZeroSuccessesStartsAtZeroAndNoTrialsHaveNoInterval()
    {
        // 0/10: centre = high/2 with high = z²/(n + z²) = 3.8415/13.8415 = 0.2775.
        var (low, high) = ExperimentStatistics.Wilson(new Proportion(0, 10), 0.05)!.Value;

        Assert.Equal(0, low, 10);
        Assert.Equal(0.2775, high, 4);
        Assert.Null(ExperimentStatistics.Wilson(new Proportion(0, 0), 0.05));
    }

    [Fact]
    public void TwoVariantsGetTheTwoSidedPooledZTestPValue()
    {
        // 200/1000 vs 250/1000: pooled p = 0.225, se = √(0.225·0.775·(2/1000)) = 0.018675, z = 0.05/se = 2.6774,
        // two-sided p = erfc(z/√2) = 0.0074196.
        var p = ExperimentStatistics.HomogeneityPValue([new(200, 1000), new(250, 1000)]);

        Assert.Equal(0.0074196, p!.Value, 6);
    }

    [Fact]
    public void ThreeVariantsGetThePearsonChiSquarePValueWithTwoDegreesOfFreedom()
    {
        // 10/100, 20/100, 30/100: pooled 0.2, χ² = (100 + 0 + 100)/(100·0.2·0.8) = 12.5; with 2 df p = e^(−12.5/2) = 0.0019305.
        var p = ExperimentStatistics.HomogeneityPValue([new(10, 100), new(20, 100), new(30, 100)]);

        Assert.Equal(Math.Exp(-6.25), p!.Value, 9);
    }

    [Fact]
    public void ThereIsNoPValueWhileAVariantHasNoTrialsOrNobodySucceeded()
    {
        Assert.Null(ExperimentStatistics.HomogeneityPValue([new(3, 10), new(0, 0)]));
        Assert.Null(ExperimentStatistics.HomogeneityPValue([new(0, 10), new(0, 20)]));
        Assert.Equal(1.0, ExperimentStatistics.HomogeneityPValue([new(5, 10), new(10, 20)])!.Value, 12);
    }

    [Fact]
    public void TheSampleRatioCheckOf5000Against5200At50To50IsChiSquare3_92WithP0_0477()
    {
        // Expected 5100 each: χ² = 2·100²/5100 = 3.9216, 1 df: p = erfc(√(χ²/2)) = 0.047670.
        var p = ExperimentStatistics.SampleRatioPValue([5000, 5200], [50, 50]);

        Assert.Equal(0.047670, p!.Value, 5);
        Assert.Equal(1.0, ExperimentStatistics.SampleRatioPValue([300, 700], [30, 70])!.Value, 12);
        Assert.Null(ExperimentStatistics.SampleRatioPValue([0, 0], [50, 50]));
    }

    [Fact]
    public void OneSuccessInOneTrialBeatsAnUntriedVariantWithProbabilityTwoThirds()
    {
        // Beta(2,1) against Beta(1,1): P(X > Y) = ∫ x · 2x dx over [0,1] = 2/3.
        var best = ExperimentStatistics.ProbabilityToBeBest([new(1, 1), new(0, 0)]);

        Assert.Equal(2 / 3.0, best[0], 2);
        Assert.Equal(1.0, best.Sum(), 12);
    }

    [Fact]
    public void IdenticalVariantsAreEquallyLikelyToBeBestAndTheAnswerIsRepeatable()
    {
        Proportion[] same = [new(50, 1000), new(50, 1000), new(50, 1000)];

        var best = ExperimentStatistics.ProbabilityToBeBest(same);

        Assert.All(best, b => Assert.Equal(1 / 3.0, b, 1));
        Assert.Equal(best, ExperimentStatistics.ProbabilityToBeBest(same));
    }

    [Fact]
    public void AClearlyBetterVariantIsAlmostSurelyBest()
    {
        var best = ExperimentStatistics.ProbabilityToBeBest([new(100, 10_000), new(200, 10_000)]);

        Assert.True(best[1] > 0.999, $"P(b best) = {best[1]}");
    }
}
