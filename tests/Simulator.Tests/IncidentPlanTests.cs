using AdOrleans.Simulator.Cli;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Tests;

public sealed class IncidentPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IncidentFlagsReadKindTargetStartLengthAndFactor()
    {
        var collapse = IncidentParser.Parse("ctr-collapse:sim-c-winter-sale@30s+2m");
        var spike = IncidentParser.Parse("traffic-spike@0+1m*10");
        var stall = IncidentParser.Parse("stalled-partition:channel:web@1m+3m");

        Assert.Equal((IncidentKinds.CtrCollapse, "sim-c-winter-sale", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), 0.0),
            (collapse.Kind, collapse.Target, collapse.StartsAfter, collapse.Length, collapse.EffectiveFactor));
        Assert.Equal((IncidentKinds.TrafficSpike, (string?)null, TimeSpan.Zero, 10.0), (spike.Kind, spike.Target, spike.StartsAfter, spike.EffectiveFactor));
        Assert.Equal(("channel:web", TimeSpan.FromMinutes(1)), (stall.Target, stall.StartsAfter));
    }

    [Theory]
    [InlineData("traffic-spike", "expected KIND[:TARGET]@START+LENGTH[*FACTOR]")]
    [InlineData("traffic-spike@soon+1m", "START is not a duration")]
    [InlineData("traffic-spike@1m+1m*lots", "FACTOR is not a number")]
    public void AMalformedIncidentFlagSaysWhatIsWrong(string text, string message)
    {
        var error = Assert.Throws<SimulatorException>(() => IncidentParser.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void ValidationReportsEveryBadIncident()
    {
        var options = new SimulatorOptions
        {
            Incidents =
            [
                new IncidentSpec { Kind = "meteor", Length = TimeSpan.FromSeconds(1) },
                new IncidentSpec { Kind = IncidentKinds.StalledPartition, Length = TimeSpan.Zero },
                new IncidentSpec { Kind = IncidentKinds.CtrCollapse, Length = TimeSpan.FromSeconds(1), Factor = 2 },
            ],
        };

        var failures = SimulatorOptionsValidator.Check(options);

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Incidents[0] (meteor): Kind must be one of", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Incidents[1] (stalled-partition): a stalled partition needs a Target", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Incidents[1] (stalled-partition): Length must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Incidents[2] (ctr-collapse): a CTR collapse's Factor", StringComparison.Ordinal));
    }

    [Fact]
    public void EachIncidentActsOnlyOnItsTargetAndOnlyWhileItRuns()
    {
        var plan = new IncidentPlan(
        [
            new IncidentSpec { Kind = IncidentKinds.CtrCollapse, Target = "c-1", StartsAfter = TimeSpan.FromSeconds(10), Length = TimeSpan.FromSeconds(10) },
            new IncidentSpec { Kind = IncidentKinds.TrafficSpike, StartsAfter = TimeSpan.FromSeconds(15), Length = TimeSpan.FromSeconds(10), Factor = 3 },
            new IncidentSpec { Kind = IncidentKinds.StalledPartition, Target = "channel:web", StartsAfter = TimeSpan.FromSeconds(30), Length = TimeSpan.FromSeconds(5) },
        ], Start);

        Assert.Equal(1, plan.CtrFactor("c-1", Start.AddSeconds(9.9)));
        Assert.Equal(0, plan.CtrFactor("c-1", Start.AddSeconds(10)));
        Assert.Equal(1, plan.CtrFactor("c-2", Start.AddSeconds(12)));
        Assert.Equal(1, plan.CtrFactor("c-1", Start.AddSeconds(20)));
        Assert.Equal([1.0, 3.0, 3.0, 1.0], new[] { 14.9, 15, 24.9, 25 }.Select(s => plan.RateFactor(Start.AddSeconds(s))));
        // A stall is staged on the service (PartitionStaller): the traffic itself goes on unchanged.
        Assert.Equal((1.0, 1.0), (plan.RateFactor(Start.AddSeconds(31)), plan.CtrFactor("c-1", Start.AddSeconds(31))));
    }

    [Fact]
    public void TheTruthRecordsTheIncidentsThatBeganCutAtTheRunsEnd()
    {
        var plan = new IncidentPlan(
        [
            new IncidentSpec { Kind = IncidentKinds.TrafficSpike, StartsAfter = TimeSpan.FromSeconds(5), Length = TimeSpan.FromSeconds(60) },
            new IncidentSpec { Kind = IncidentKinds.CtrCollapse, StartsAfter = TimeSpan.FromSeconds(50), Length = TimeSpan.FromSeconds(5) },
        ], Start);

        var records = plan.Records(Start.AddSeconds(30));

        var spike = Assert.Single(records);
        Assert.Equal((IncidentKinds.TrafficSpike, Start.AddSeconds(5), Start.AddSeconds(30), 4.0), (spike.Kind, spike.StartedAt, spike.EndedAt, spike.Factor));
    }
}
