using AdOrleans.Gateway.Experiments;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.AdServing.Tests;

/// <summary>Which rollup rows an experiment's counts are read from: every minute from the start on, each exactly once.</summary>
public sealed class ExperimentCountingTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static long S(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute).ToUnixTimeSeconds();

    [Fact]
    public void WithinOneHourOnlyMinuteRowsAreReadFromTheStartMinuteToTheEndOfTheCurrentOne()
    {
        var pieces = ExperimentResults.Pieces(Day.AddHours(10).AddMinutes(17).AddSeconds(30), Day.AddHours(10).AddMinutes(45).AddSeconds(10));

        Assert.Equal([(KpiGranularity.Minute, S(10, 17), S(10, 46))], pieces);
    }

    [Fact]
    public void AcrossHoursWholeHoursAreReadAsHourRowsBetweenTwoMinuteStretches()
    {
        var pieces = ExperimentResults.Pieces(Day.AddHours(10).AddMinutes(17).AddSeconds(30), Day.AddHours(13).AddMinutes(5));

        Assert.Equal(
            [(KpiGranularity.Minute, S(10, 17), S(11, 0)), (KpiGranularity.Hour, S(11, 0), S(13, 0)), (KpiGranularity.Minute, S(13, 0), S(13, 6))],
            pieces);
    }

    [Fact]
    public void AStartOnTheHourNeedsNoLeadingMinutes()
    {
        var pieces = ExperimentResults.Pieces(Day.AddHours(11), Day.AddHours(13));

        Assert.Equal([(KpiGranularity.Hour, S(11, 0), S(13, 0)), (KpiGranularity.Minute, S(13, 0), S(13, 1))], pieces);
    }
}
