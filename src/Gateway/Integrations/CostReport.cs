namespace AdOrleans.Gateway.Integrations;

/// <summary>
/// One row of an ad platform's cost report (kind <c>cost</c>): what a channel we did not serve cost over a day (or a
/// <c>from</c>–<c>to</c> period). Everything is optional here so that validation can name every missing field.
/// </summary>
public sealed class CostReport
{
    /// <summary>The sender's id of this report row: a re-sent report with the same id is counted once.</summary>
    public string? ReportId { get; set; }

    /// <summary>Where the numbers come from (<c>google_ads</c>, <c>meta</c> …): a short code, for the reader.</summary>
    public string? Platform { get; set; }

    public string? Channel { get; set; }

    /// <summary>The platform's campaign, if the report is per campaign: counted under that campaign id in the KPIs.</summary>
    public string? CampaignId { get; set; }

    /// <summary>The day reported (<c>yyyy-MM-dd</c>, UTC); or <see cref="From"/> (and <see cref="To"/>) for another period.</summary>
    public string? Date { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long SpendMicros { get; set; }
}
