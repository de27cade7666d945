namespace AdOrleans.Grains;

/// <summary>A campaign's live figures: what the grain publishes on the state topic and the gateway index reads.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignLive
{
    [Id(0)]
    public required CampaignConfig Config { get; init; }

    /// <summary>Stored status: active, paused, stopped or exhausted (see <see cref="CampaignStatuses.Effective"/>).</summary>
    [Id(1)]
    public required string Status { get; init; }

    [Id(2)]
    public long SpentMicros { get; init; }

    /// <summary>Spend of the UTC day <see cref="SpendDay"/>; another day means 0 spent today.</summary>
    [Id(3)]
    public long DailySpentMicros { get; init; }

    [Id(4)]
    public DateOnly SpendDay { get; init; }

    [Id(5)]
    public long Impressions { get; init; }

    [Id(6)]
    public long Clicks { get; init; }

    [Id(7)]
    public long Conversions { get; init; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(9)]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Budget held by gateways' leases and charges in flight (only set on reads from the grain).</summary>
    [Id(10)]
    public long LeasedMicros { get; init; }

    public long RemainingMicros => Math.Max(0, Config.TotalBudgetMicros - SpentMicros);

    public long SpentOn(DateOnly day) => day == SpendDay ? DailySpentMicros : 0;
}

[GenerateSerializer, Immutable]
public sealed record BillingCounts([property: Id(0)] long Impressions, [property: Id(1)] long Clicks, [property: Id(2)] long Conversions, [property: Id(3)] long SpendMicros);

/// <summary>One hour of one creative's bill: emitted by the campaign grain, committed with its state (exactly-once).</summary>
public sealed record BillingRow(string CampaignId, string CreativeId, DateTimeOffset HourStart, BillingCounts Counts);
