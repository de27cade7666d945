using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Ads;

/// <summary>Knobs of the gateway's auction (docs/ad-serving.md explains each mechanism).</summary>
public sealed class AdServingOptions
{
    public const string SectionName = "AdServing";

    /// <summary>
    /// How many seconds of this gateway's recent spend rate a budget lease should cover (docs/ad-serving.md, "Budget
    /// leases"). Each active campaign renews about twice per horizon: with 10,000 campaigns serving, 2 s meant
    /// ~10,000 grain calls and state writes a second, a tenth of the service's CPU under auction load.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LeaseHorizon { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the campaign grain keeps an unrenewed lease reserved; the gateway stops spending it after half.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the gateway checks every lease (new campaigns, expiry, starved ones); a lease an auction leaves low
    /// is renewed at once. Renewals run off the auction path.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The smallest balance a gateway asks for, in maximal charges of the campaign.</summary>
    [Range(1, 1_000_000)]
    public int MinLeaseCharges { get; set; } = 4;

    /// <summary>Even pacing lets spend run ahead of the straight line by this fraction of the daily budget.</summary>
    [Range(0.0, 1.0)]
    public double PacingCatchUpFraction { get; set; } = 0.02;

    /// <summary>CTR prior for CPC campaigns: predicted CTR = (clicks + PriorClicks) / (impressions + PriorImpressions).</summary>
    [Range(0, 1_000_000)]
    public int PriorClicks { get; set; } = 10;

    [Range(1, 100_000_000)]
    public int PriorImpressions { get; set; } = 1000;

    /// <summary>
    /// Rank CPC campaigns by the published CTR model (docs/ctr.md) once it is trusted; off: always the prior above.
    /// </summary>
    public bool CtrModel { get; set; } = true;

    /// <summary>
    /// Impressions the CTR model must have trained on before gateways use it; until then CPC campaigns keep the prior
    /// (a model of a few hundred impressions mostly knows its bias).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long CtrModelMinImpressions { get; set; } = 10_000;

    /// <summary>Most (user, campaign) frequency windows kept in memory; expired ones are swept when it is reached.</summary>
    [Range(1000, 100_000_000)]
    public int MaxFrequencyEntries { get; set; } = 1_000_000;
}
