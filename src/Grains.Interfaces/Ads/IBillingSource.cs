namespace AdOrleans.Grains;

public sealed record BillingLine(string CampaignId, string CreativeId, long Impressions, long Clicks, long Conversions, long SpendMicros);

/// <summary>Where billing lines come from: the hourly rows campaign grains commit with their state.</summary>
public interface IBillingSource
{
    /// <summary>Sums per campaign and creative over the hours starting in [from, to).</summary>
    Task<IReadOnlyList<BillingLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
