namespace AdOrleans.Grains;

/// <summary>A campaign's live figures: what the grain publishes on the state topic and the gateway index reads.</summary>
public sealed record CampaignLive
{
    public required CampaignConfig Config { get; init; }

    /// <summary>Stored status: active, paused, stopped or exhausted (see <see cref="CampaignStatuses.Effective"/>).</summary>
    public required string Status { get; init; }

    public long SpentMicros { get; init; }

    /// <summary>Spend of the UTC day <see cref="SpendDay"/>; another day means 0 spent today.</summary>
    public long DailySpentMicros { get; init; }

    public DateOnly SpendDay { get; init; }

    public long Impressions { get; init; }

    public long Clicks { get; init; }

    public long Conversions { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long RemainingMicros => Math.Max(0, Config.TotalBudgetMicros - SpentMicros);

    public long SpentOn(DateOnly day) => day == SpendDay ? DailySpentMicros : 0;
}

/// <summary>The campaign grain's persisted state: live figures plus the open billing buckets.</summary>
public sealed record CampaignGrainState
{
    public const string GrainType = "campaign";

    public CampaignLive? Live { get; init; }

    /// <summary>Top-level copies of the live fields for readers that join on a grain's top-level scalars (the KPI dimension directory).</summary>
    public string? Name { get; init; }

    public string? Advertiser { get; init; }

    public string? Channel { get; init; }

    public string? Status { get; init; }

    /// <summary>This state with new live figures, keeping the top-level copies in step.</summary>
    public CampaignGrainState WithLive(CampaignLive live) =>
        this with { Live = live, Name = live.Config.Name, Advertiser = live.Config.Advertiser, Channel = live.Config.Channel, Status = live.Status };

    /// <summary>Billing totals per "hourUnixSeconds|creativeId", kept for <c>BillingRetentionHours</c> so rows are upserted with absolute values.</summary>
    public Dictionary<string, BillingCounts> Billing { get; init; } = new(StringComparer.Ordinal);
}

public sealed record BillingCounts(long Impressions, long Clicks, long Conversions, long SpendMicros);

/// <summary>One hour of one creative's bill: emitted by the campaign grain, committed with its state (exactly-once).</summary>
public sealed record BillingRow(string CampaignId, string CreativeId, DateTimeOffset HourStart, BillingCounts Counts);
