using AdOrleans.Grains.Alerts;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Tests;

/// <summary>Which rules a commit wakes.</summary>
public sealed class AlertScopeIndexTests
{
    private static readonly AlertScopeIndex Index = new([
        Rule("on-c1", new AlertScope { CampaignId = "c-1" }),
        Rule("on-display", new AlertScope { Channel = "display" }),
        Rule("everything", new AlertScope()),
        Rule("lag", new AlertScope()) with { Metric = AlertMetrics.Lag },
    ]);

    [Fact]
    public void A_campaigns_minute_bucket_wakes_that_campaigns_rules_only() =>
        Assert.Equal(["on-c1"], Index.Touched([Bucket(KpiDimensions.Campaign, "c-1")]));

    [Fact]
    public void A_channels_minute_bucket_wakes_that_channels_rules_and_the_kpi_rules_over_everything_but_no_health_rule() =>
        Assert.Equal(["everything", "on-display"], Index.Touched([Bucket(KpiDimensions.Channel, "display")]).Order());

    [Fact]
    public void An_hour_bucket_wakes_nothing() =>
        Assert.Empty(Index.Touched([Bucket(KpiDimensions.Campaign, "c-1") with { Granularity = KpiGranularity.Hour }]));

    private static KpiBucketKey Bucket(string dimension, string id) => new(dimension, id, KpiGranularity.Minute, 1_700_000_040);

    private static AlertRule Rule(string id, AlertScope scope) => new()
    {
        Id = id, Name = id, Kind = AlertKinds.Threshold, Metric = "ctr", Scope = scope, Comparison = AlertComparisons.Below, Value = 0.01, Window = "PT5M",
    };
}
