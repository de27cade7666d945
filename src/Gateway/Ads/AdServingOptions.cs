using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Ads;

/// <summary>Knobs of the gateway's auction (docs/ad-serving.md explains each mechanism).</summary>
public sealed class AdServingOptions
{
    public const string SectionName = "AdServing";

    /// <summary>
    /// How long this gateway's own wins count against a campaign's budget before the index is trusted to include
    /// them: at least the event → grain → state topic → index delay. Bounds overspend (docs/ad-serving.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PropagationAllowance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Even pacing lets spend run ahead of the straight line by this fraction of the daily budget.</summary>
    [Range(0.0, 1.0)]
    public double PacingCatchUpFraction { get; set; } = 0.02;

    /// <summary>CTR prior for CPC campaigns: predicted CTR = (clicks + PriorClicks) / (impressions + PriorImpressions).</summary>
    [Range(0, 1_000_000)]
    public int PriorClicks { get; set; } = 10;

    [Range(1, 100_000_000)]
    public int PriorImpressions { get; set; } = 1000;

    /// <summary>Most (user, campaign) frequency windows kept in memory; expired ones are swept when it is reached.</summary>
    [Range(1000, 100_000_000)]
    public int MaxFrequencyEntries { get; set; } = 1_000_000;
}
