using AdOrleans.Gateway.Experiments;
using AdOrleans.Grains;

namespace AdOrleans.AdServing.Tests;

public sealed class ExperimentDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly ExperimentConfig Config = new()
    {
        Id = "x", CampaignId = "c", Metric = ExperimentMetrics.Ctr, MinSamplePerVariant = 1000, Alpha = 0.05,
        Variants = [new("a", "cr-a", 50), new("b", "cr-b", 50)],
    };

    [Fact]
    public void NothingIsDecidedBeforeEveryVariantReachesTheMinimumSampleHoweverSmallThePValue()
    {
        Assert.Null(ExperimentDecider.Decide(Config, [new(10, 999), new(500, 5000)], 1e-12, 0.5, 0.001, Now));
    }

    [Fact]
    public void AtTheHorizonASignificantDifferenceMakesTheHigherRateTheWinner()
    {
        var decision = ExperimentDecider.Decide(Config, [new(200, 1000), new(250, 1000)], 0.0074, 0.9, 0.001, Now)!;

        Assert.Equal("b", decision.Winner);
        Assert.Equal(Now, decision.DecidedAt);
    }

    [Fact]
    public void AtTheHorizonAnInsignificantDifferenceEndsWithoutAWinner()
    {
        var decision = ExperimentDecider.Decide(Config, [new(200, 1000), new(210, 1000)], 0.58, 0.9, 0.001, Now)!;

        Assert.Null(decision.Winner);
        Assert.Contains("no significant difference", decision.Reason);
    }

    [Fact]
    public void ASampleRatioMismatchWithholdsTheWinnerEvenWhenTheTestIsSignificant()
    {
        var decision = ExperimentDecider.Decide(Config, [new(200, 1000), new(400, 1600)], 1e-6, 1e-30, 0.001, Now)!;

        Assert.Null(decision.Winner);
        Assert.Contains("sample ratio mismatch", decision.Reason);
    }
}
