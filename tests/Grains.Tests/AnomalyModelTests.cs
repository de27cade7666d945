using AdOrleans.Grains.Alerts;

namespace AdOrleans.Grains.Tests;

/// <summary>The anomaly rules' median/MAD score and its warm-up.</summary>
public sealed class AnomalyModelTests
{
    private static readonly double[] Week = [0.045, 0.05, 0.055, 0.05, 0.045, 0.055, 0.05];

    [Fact]
    public void NothingIsScoredBeforeTheWarmUpDaysHadData() =>
        Assert.Null(AnomalyModel.Score(0.0, Week[..6], warmupDays: 7));

    [Fact]
    public void TheScoreIsTheDistanceFromTheMedianInRobustStandardDeviations() =>
        Assert.Equal((0.0 - 0.05) / (AnomalyModel.NormalConsistency * 0.005), AnomalyModel.Score(0.0, Week, warmupDays: 7)!.Value, 9);

    [Fact]
    public void OneWildDayInTheHistoryDoesNotMoveTheBaseline() =>
        Assert.Equal(AnomalyModel.Score(0.05, Week, 7), AnomalyModel.Score(0.05, [.. Week[..6], 5.0], 7));

    [Fact]
    public void AFlatHistoryScalesByOnePercentOfTheMedianNotByZero() =>
        Assert.Equal(-5, AnomalyModel.Score(0.0475, [.. Enumerable.Repeat(0.05, 7)], 7)!.Value, 9);

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() =>
        Assert.Equal(2.5, AnomalyModel.Median([4, 1, 3, 2]));
}
