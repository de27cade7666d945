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
    public void A_low_ratio_on_too_few_impressions_does_not_fire() =>
        Assert.Equal(Outcome.None, Decide(CtrBelow, 0.0, 3, open: false, null, Now, Margin));

    [Fact]
    public void A_low_ratio_on_enough_impressions_fires() =>
        Assert.Equal(Outcome.Fire, Decide(CtrBelow, 0.005, 1000, open: false, null, Now, Margin));

    [Fact]
    public void A_ratio_without_a_denominator_neither_fires_nor_resolves()
    {
        Assert.Equal(Outcome.None, Decide(CtrBelow with { MinVolume = 0 }, null, 0, open: false, null, Now, Margin));
        Assert.Equal(Outcome.None, Decide(CtrBelow with { MinVolume = 0 }, null, 0, open: true, Now, Now, Margin));
    }

    [Fact]
    public void An_open_alert_just_back_over_the_threshold_stays_open_inside_the_margin() =>
        Assert.Equal(Outcome.None, Decide(CtrBelow, 0.0105, 5000, open: true, Now.AddMinutes(-1), Now, Margin));

    [Fact]
    public void An_open_alert_resolves_once_the_value_is_past_the_threshold_by_the_margin() =>
        Assert.Equal(Outcome.Resolve, Decide(CtrBelow, 0.011, 5000, open: true, Now.AddMinutes(-1), Now, Margin));

    [Fact]
    public void An_open_alert_whose_condition_has_not_held_for_a_whole_window_resolves() =>
        Assert.Equal(Outcome.Resolve, Decide(CtrBelow, 0.0105, 5000, open: true, Now.AddMinutes(-5), Now, Margin));

    [Fact]
    public void An_open_alert_whose_condition_still_holds_stays_open() =>
        Assert.Equal(Outcome.StillBreaching, Decide(CtrBelow, 0.001, 5000, open: true, Now.AddMinutes(-10), Now, Margin));

    [Fact]
    public void An_above_rule_resolves_only_below_the_threshold_minus_the_margin()
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
    public void A_metric_is_computed_from_summed_counters_with_its_denominator_as_volume(string metric, long clicks, long impressions, double value, long volume)
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
