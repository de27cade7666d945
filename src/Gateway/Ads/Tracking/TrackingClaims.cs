using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>What a tracking token vouches for. Short names keep the URLs short.</summary>
public sealed record TrackingClaims
{
    [JsonPropertyName("a")] public required string AuctionId { get; init; }

    [JsonPropertyName("c")] public required string CampaignId { get; init; }

    [JsonPropertyName("cr")] public required string CreativeId { get; init; }

    [JsonPropertyName("s")] public required string SlotId { get; init; }

    /// <summary>CPM clearing price in micros.</summary>
    [JsonPropertyName("p")] public long PriceMicros { get; init; }

    [JsonPropertyName("b")] public required string BidType { get; init; }

    /// <summary>What the first click costs (CPC only; 0 for CPM).</summary>
    [JsonPropertyName("k")] public long ClickChargeMicros { get; init; }

    [JsonPropertyName("ch")] public required string Channel { get; init; }

    [JsonPropertyName("u")] public string? UserId { get; init; }

    /// <summary>The auction request's geo and device codes; left out when the request had none, and absent from older tokens (read as unknown).</summary>
    [JsonPropertyName("g")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Geo { get; init; }

    [JsonPropertyName("d")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Device { get; init; }

    /// <summary>Unix seconds after which the token is refused.</summary>
    [JsonPropertyName("x")] public long ExpiresAt { get; init; }
}

[JsonSerializable(typeof(TrackingClaims))]
internal sealed partial class TrackingJsonContext : JsonSerializerContext;
