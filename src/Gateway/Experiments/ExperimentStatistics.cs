using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace AdOrleans.Gateway.Experiments;

/// <summary>Trials (impressions for ctr, clicks for cvr) and successes (clicks, conversions) of one variant.</summary>
public readonly record struct Proportion(long Successes, long Trials)
{
    public double? Rate => Trials == 0 ? null : (double)Successes / Trials;
}

/// <summary>
/// The statistics of docs/experiments.md, on MathNet.Numerics' distributions. Each is a pure function of counts,
/// tested against published or hand-computed answers (ExperimentStatisticsTests).
/// </summary>
public static class ExperimentStatistics
{
    /// <summary>Wilson score interval at confidence 1 − <paramref name="alpha"/>; null without trials.</summary>
    public static (double Low, double High)? Wilson(Proportion x, double alpha)
    {
        if (x.Trials == 0)
        {
            return null;
        }

        var z = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        var (n, p) = ((double)x.Trials, (double)x.Successes / x.Trials);
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Pearson's chi-square test that all variants share one rate (k × 2 table, k − 1 degrees of freedom); for two
    /// variants it is exactly the two-sided pooled two-proportion z-test (χ² = z²). Null while a variant has no
    /// trials or the pooled rate is 0 or 1 (nothing to compare).
    /// </summary>
    public static double? HomogeneityPValue(IReadOnlyList<Proportion> variants)
    {
        var (successes, trials) = (variants.Sum(v => v.Successes), variants.Sum(v => v.Trials));
        if (variants.Count < 2 || variants.Any(v => v.Trials == 0) || successes == 0 || successes == trials)
        {
            return null;
        }

        var pooled = (double)successes / trials;
        var statistic = variants.Sum(v => Math.Pow(v.Successes - (v.Trials * pooled), 2) / (v.Trials * pooled * (1 - pooled)));
        return ChiSquareUpperTail(variants.Count - 1, statistic);
    }

    /// <summary>Sample-ratio-mismatch: chi-square goodness of fit of the observed trials to the weights (percent). Null without trials.</summary>
    public static double? SampleRatioPValue(IReadOnlyList<long> observed, IReadOnlyList<int> weights)
    {
        var total = observed.Sum();
        if (total == 0 || observed.Count < 2)
        {
            return null;
        }

        var statistic = observed.Select((o, i) => (Observed: o, Expected: total * weights[i] / 100.0))
            .Sum(x => Math.Pow(x.Observed - x.Expected, 2) / x.Expected);
        return ChiSquareUpperTail(observed.Count - 1, statistic);
    }

    /// <summary>P(χ²(df) ≥ x) as the upper regularized gamma function: 1 − CDF would round small p-values to 0.</summary>
    private static double ChiSquareUpperTail(int degreesOfFreedom, double x) =>
        SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2);

    /// <summary>
    /// Probability that each variant has the highest true rate, under independent Beta(1 + successes, 1 + failures)
    /// posteriors (uniform priors): Monte Carlo with a fixed seed, so the same counts always give the same answer.
    /// The standard error is at most 0.5 / √draws (0.0035 at the default).
    /// </summary>
    public static double[] ProbabilityToBeBest(IReadOnlyList<Proportion> variants, int draws = 20_000, int seed = 17)
    {
        var random = new Random(seed);
        var posteriors = variants.Select(v => new Beta(1 + v.Successes, 1 + v.Trials - v.Successes, random)).ToArray();
        var wins = new int[variants.Count];
        for (var d = 0; d < draws; d++)
        {
            var (best, bestValue) = (0, double.MinValue);
            for (var i = 0; i < posteriors.Length; i++)
            {
                var value = posteriors[i].Sample();
                if (value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }
            }

            wins[best]++;
        }

        return [.. wins.Select(w => (double)w / draws)];
    }
}
