using System.Globalization;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Experiments;

/// <summary>
/// The fixed-horizon rule (docs/experiments.md): nothing is decided until every variant has
/// <see cref="ExperimentConfig.MinSamplePerVariant"/> trials; the first look after that is the only test. A broken
/// split (sample-ratio mismatch) or p ≥ alpha then ends the experiment without a winner; otherwise the variant with
/// the highest rate wins. The caller records the decision once, so later looks cannot change it (no peeking).
/// </summary>
public static class ExperimentDecider
{
    public static ExperimentDecision? Decide(
        ExperimentConfig config, IReadOnlyList<Proportion> variants, double? pValue, double? srmPValue, double srmAlpha, DateTimeOffset now)
    {
        if (variants.Any(v => v.Trials < config.MinSamplePerVariant))
        {
            return null;
        }

        var p = pValue ?? 1;
        if (srmPValue is { } srm && srm < srmAlpha)
        {
            return new ExperimentDecision(now, null, p, Format($"sample ratio mismatch (p = {srm:G3} < {srmAlpha:G3}): the split does not match the weights, so the comparison is not trusted"));
        }

        if (p >= config.Alpha)
        {
            return new ExperimentDecision(now, null, p, Format($"no significant difference at the horizon (p = {p:G3} ≥ alpha {config.Alpha:G3})"));
        }

        var best = 0;
        for (var i = 1; i < variants.Count; i++)
        {
            if (variants[i].Rate > variants[best].Rate)
            {
                best = i;
            }
        }

        return new ExperimentDecision(now, config.Variants[best].Id, p, Format($"significant at the horizon (p = {p:G3} < alpha {config.Alpha:G3}); highest {config.Metric}"));
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
