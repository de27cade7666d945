using AdOrleans.Gateway.Attribution;
using AdOrleans.Grains.Attribution;

namespace AdOrleans.Kpi.Tests;

public sealed class MarkovRemovalTests
{
    /// <summary>
    /// The classic example: C1→C2→conversion, C1→null, C2→C3→conversion. Transitions: Start→C1 2/3, Start→C2 1/3,
    /// C1→C2 1/2, C1→null 1/2, C2→conv 1/2, C2→C3 1/2, C3→conv 1. Absorption: x3 = 1, x2 = 1/2 + x3/2 = 1,
    /// x1 = x2/2 = 1/2, P = 2/3·1/2 + 1/3·1 = 2/3.
    /// Without C1: P = 1/3 → effect 1/2. Without C2: P = 0 → effect 1. Without C3: x2 = 1/2, x1 = 1/4,
    /// P = 2/3·1/4 + 1/3·1/2 = 1/3 → effect 1/2. Shares 1/4, 1/2, 1/4 of the 2 conversions: 0.5, 1, 0.5.
    /// </summary>
    private static readonly JourneyPathCount[] Classic =
    [
        new(["C1", "C2"], 1, 0),
        new(["C1"], 0, 1),
        new(["C2", "C3"], 1, 0),
    ];

    [Fact]
    public void RemovalEffectsOfTheClassicThreePathExampleMatchTheHandComputedOnes()
    {
        var effects = MarkovRemoval.Effects(Classic).ToDictionary(e => e.Channel, e => e.Effect);

        Assert.Equal(0.5, effects["C1"], 12);
        Assert.Equal(1.0, effects["C2"], 12);
        Assert.Equal(0.5, effects["C3"], 12);
    }

    [Fact]
    public void TheMarkovReportCreditsConversionsAndRevenueInProportionToRemovalEffects()
    {
        var data = new AttributionData([new AttributionCredit(AttributionModels.Linear, "C1", "", Apportion.Unit, 4_000_000)], Classic);

        var report = AttributionReports.Build(AttributionModels.Markov, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, data);

        Assert.Equal(2m, report.Conversions);
        Assert.Equal(4_000_000L, report.RevenueMicros);
        var channels = report.Channels.ToDictionary(c => c.Channel);
        Assert.Equal((1m, 2_000_000L), (channels["C2"].Conversions, channels["C2"].RevenueMicros));
        Assert.Equal((0.5m, 1_000_000L), (channels["C1"].Conversions, channels["C1"].RevenueMicros));
        Assert.Equal((0.5m, 1_000_000L), (channels["C3"].Conversions, channels["C3"].RevenueMicros));
    }

    [Fact]
    public void WithoutConversionsEveryEffectIsZeroAndTheReportIsEmpty()
    {
        JourneyPathCount[] paths = [new(["C1"], 0, 3)];

        Assert.All(MarkovRemoval.Effects(paths), e => Assert.Equal(0, e.Effect));
        Assert.Empty(AttributionReports.Build(AttributionModels.Markov, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new([], paths)).Channels);
    }
}
