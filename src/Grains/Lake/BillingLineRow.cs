using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace AdOrleans.Grains.Lake;

/// <summary>One billing line of the lake: a campaign's and creative's totals in one hour, as the billing report sums them.</summary>
public sealed class BillingLineRow
{
    [JsonPropertyName("campaign_id")]
    public string CampaignId { get; set; } = "";

    [JsonPropertyName("creative_id")]
    public string CreativeId { get; set; } = "";

    [JsonPropertyName("hour_start")]
    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true)]
    public DateTime HourStart { get; set; }

    [JsonPropertyName("impressions")]
    public long Impressions { get; set; }

    [JsonPropertyName("clicks")]
    public long Clicks { get; set; }

    [JsonPropertyName("conversions")]
    public long Conversions { get; set; }

    [JsonPropertyName("spend_micros")]
    public long SpendMicros { get; set; }
}
