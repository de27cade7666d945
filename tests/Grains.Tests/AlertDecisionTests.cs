using AdOrleans.Grains.Alerts;
using static AdOrleans.Grains.Alerts.AlertDecision;

namespace AdOrleans.Grains.Tests;

/// <summary>One rule's state machine: the volume guard, firing, and the hysteresis that keeps an alert from flapping.</summary>
public sealed class AlertDecisionTests
{
    private const double Margin = 0.1;

    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly AlertRule CtrBelow = new()
    {
        Id = "r", Name = "CTR drop", Kind = AlertKinds.Threshold, Metric = "ctr", Scope = new AlertScope(), Comparison = AlertComparisons.Below,
        Value = 0.01, Window = "PT5M", MinVolume = 1000,
    };

    [Fact]
    public void ALowRatioOnTooFewImpressionsDoesNotFire() =>
        Assert.Equal(Outcome.None, Decide(CtrBelow, 0.0, 3, open: false, null, Now, Margin));

    [Fact]
    public void ALowRatioOnEnoughImpressionsFires() =>
        Assert.Equal(Outcome.Fire, Decide(CtrBelow, 0.005, 1000, open: false, null, Now, Margin));

    [Fact]
    public void ARatioWithoutADenominatorNeitherFiresNorResolves()
    {
        Assert.Equal(Outcome.None, Decide(CtrBelow with { MinVolume = 0 }, null, 0, open: false, null, Now, Margin));
        Assert.Equal(Outcome.None, Decide(CtrBelow with { MinVolume = 0 }, null, 0, open: true, Now, Now, Margin));
    }

    [Fact]
    public void AnOpenAlertJustBackOverTheThresholdStaysOpenInsideTheMargin() =>
        Assert.Equal(Outcome.None, Decide(CtrBelow, 0.0105, 5000, open: true, Now.AddMinutes(-1), Now, Margin));

    [Fact]
    public void AnOpenAlertResolvesOnceTheValueIsPastTheThresholdByTheMargin() =>
        Assert.Equal(Outcome.Resolve, Decide(CtrBelow, 0.011, 5000, open: true, Now.AddMinutes(-1), Now, Margin));

    [Fact]
    public void AnOpenAlertWhoseConditionHasNotHeldForAWholeWindowResolves() =>
        Assert.Equal(Outcome.Resolve, Decide(CtrBelow, 0.0105, 5000, open: true, Now.AddMinutes(-5), Now, Margin));

    [Fact]
    public void AnOpenAlertWhoseConditionStillHoldsStaysOpen() =>
        Assert.Equal(Outcome.StillBreaching, Decide(CtrBelow, 0.001, 5000, open: true, Now.AddMinutes(-10), Now, Margin));

    [Fact]
    public void AnAboveRuleResolvesOnlyBelowTheThresholdMinusTheMargin()
    {
        var lag = CtrBelow with { Metric = AlertMetrics.Lag, Comparison = AlertComparisons.Above, Value = 1000, MinVolume = 0 };

        Assert.Equal(Outcome.Fire, Decide(lag, 1500, long.MaxValue, open: false, null, Now, Margin));
        Assert.Equal(Outcome.None, Decide(lag, 950, long.MaxValue, open: true, Now, Now, Margin));
        Assert.Equal(Outcome.Resolve, Decide(lag, 900, long.MaxValue, open: true, Now, Now, Margin));
    }

    [Theory]
    [InlineData("ctr", 50L, 1000L, 0.05, 1000L)]
    [InlineData("cpmMicros", 0L, 2000L, 500_000.0, 2000L)]
    [InlineData("clicks", 50L, 1000L, 50.0, 50L)]
    public void AMetricIsComputedFromSummedCountersWithItsDenominatorAsVolume(string metric, long clicks, long impressions, double value, long volume)
    {
        var counters = Kpi.KpiCounters.New();
        counters[(int)Kpi.KpiCounter.Clicks] = clicks;
        counters[(int)Kpi.KpiCounter.Impressions] = impressions;
        counters[(int)Kpi.KpiCounter.SpendMicros] = 1_000_000;

        var computed = AlertMetrics.Kpi(metric)!;

        Assert.Equal(value, computed.Value(counters)!.Value, 9);
        Assert.Equal(volume, computed.Volume(counters));
    }
}
