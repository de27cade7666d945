namespace AdOrleans.Grains.Ads;

/// <summary>The campaign grain's stored state: live figures, the open billing buckets, and top-level copies of the names.</summary>
public sealed class CampaignGrainState : AdEntityState
{
    public CampaignLive? Live { get; set; }

    /// <summary>Top-level copies of live fields, for people and tools reading the stored JSON.</summary>
    public string? Name { get; set; }

    public string? Advertiser { get; set; }

    public string? Channel { get; set; }

    public string? Status { get; set; }

    /// <summary>Billing totals per "hourUnixSeconds|creativeId", kept for <c>BillingRetentionHours</c> so rows are upserted with absolute values.</summary>
    public Dictionary<string, BillingCounts> Billing { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gateways' budget leases; null until the first gateway asks for one.</summary>
    public LeaseLedger? Leases { get; set; }

    public void SetLive(CampaignLive live)
    {
        Live = live;
        (Name, Advertiser, Channel, Status) = (live.Config.Name, live.Config.Advertiser, live.Config.Channel, live.Status);
    }
}
