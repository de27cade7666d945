using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Experiments;

/// <summary>Defaults of an experiment's fixed horizon when the create request leaves them out (docs/experiments.md).</summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    /// <summary>Trials every variant needs before the single test is run.</summary>
    [Range(1, 1_000_000_000)]
    public long DefaultMinSamplePerVariant { get; set; } = 1000;

    /// <summary>Significance level of that test.</summary>
    [Range(0.001, 0.2)]
    public double DefaultAlpha { get; set; } = 0.05;

    /// <summary>Below this sample-ratio-mismatch p-value the split is considered broken and no winner is declared.</summary>
    [Range(0.000001, 0.05)]
    public double SrmAlpha { get; set; } = 0.001;
}
