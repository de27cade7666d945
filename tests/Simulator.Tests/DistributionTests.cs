using AdOrleans.Simulator.Generation;

namespace AdOrleans.Simulator.Tests;

/// <summary>The generators have the shape they claim (fixed seeds, generous but meaningful tolerances).</summary>
public sealed class DistributionTests
{
    [Fact]
    public void ZipfRankFrequenciesFallAsAPowerOfTheRank()
    {
        const double s = 1.1;
        var zipf = new ZipfSampler(10_000, s);
        var random = new Random(1);
        var counts = new int[10_000];
        for (var i = 0; i < 500_000; i++)
        {
            counts[zipf.Sample(random)]++;
        }

        Assert.InRange(counts[0] / (double)counts[9], Math.Pow(10, s) * 0.85, Math.Pow(10, s) * 1.15);
        Assert.InRange(counts[0] / 500_000.0, zipf.Probability(0) * 0.97, zipf.Probability(0) * 1.03);
    }

    [Fact]
    public void ZipfActivityIsHeavyTailedTheTopOnePercentOfUsersMakeMoreThanHalfTheTraffic()
    {
        var pool = new UserPool(3, 10_000, 1.1);
        var random = new Random(3);
        var byUser = new Dictionary<string, int>();
        for (var i = 0; i < 200_000; i++)
        {
            var id = pool.Next(random).Id;
            byUser[id] = byUser.GetValueOrDefault(id) + 1;
        }

        var top = byUser.Values.OrderDescending().Take(100).Sum() / 200_000.0;
        var expected = Enumerable.Range(0, 100).Sum(pool.Activity.Probability);
        Assert.True(expected > 0.5);
        Assert.InRange(top, expected * 0.97, expected * 1.03);
    }

    [Fact]
    public void ParetoTailFollowsThePowerLaw()
    {
        var random = new Random(4);
        var samples = Enumerable.Range(0, 200_000).Select(_ => Distributions.Pareto(random, 1, 1.5)).ToArray();

        foreach (var x in new[] { 2.0, 5.0, 10.0 })
        {
            var expected = Math.Pow(1 / x, 1.5);
            Assert.InRange(samples.Count(v => v > x) / 200_000.0, expected * 0.9, expected * 1.1);
        }

        Assert.All(samples, v => Assert.True(v >= 1));
    }

    [Fact]
    public void DiurnalCurveAveragesOneOverADayAndPeaksAtTheConfiguredHour()
    {
        var curve = new DiurnalCurve(0.6, 19);
        var day = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var minutes = Enumerable.Range(0, 1440).Select(m => curve.Multiplier(day.AddMinutes(m + 0.5))).ToArray();

        Assert.Equal(1, minutes.Average(), 6);
        Assert.Equal(19 * 60, Array.IndexOf(minutes, minutes.Max()), 1.0);
        Assert.Equal(1.6 / 0.4, curve.Multiplier(day.AddHours(19)) / curve.Multiplier(day.AddHours(7)), 6);
    }

    [Fact]
    public void PacedTrafficOverASimulatedDayIsFourTimesDenserAtPeakThanAtTrough()
    {
        var curve = new DiurnalCurve(0.6, 19);
        var day = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var generator = new TrafficGenerator(9, "run", new UserPool(9, 500, 1.1), [], 0);
        var perHour = new int[24];
        var events = new List<SimEvent>();
        var carry = 0.0;
        for (var minute = 0; minute < 1440; minute++)
        {
            var from = day.AddMinutes(minute);
            var due = carry + 100 * curve.Multiplier(from.AddSeconds(30));
            var made = generator.Generate((int)due, from, from.AddMinutes(1), events, []);
            carry = due - made;
            foreach (var e in events)
            {
                perHour[e.OccurredAt!.Value.Hour]++;
            }

            events.Clear();
        }

        Assert.InRange(perHour[19] / (double)perHour[7], 3.2, 4.8);
    }
}
