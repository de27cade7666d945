using System.Text.Json.Serialization;

namespace AdOrleans.Simulator.Generation;

/// <summary>
/// One event as sent to <c>POST /v1/events</c> (API.md field names). The ignored members are what the ground truth
/// needs to know about it and the gateway must not see.
/// </summary>
public sealed record SimEvent
{
    public required string EventId { get; init; }

    public required string Type { get; init; }

    public string? AuctionId { get; init; }

    public string? Token { get; init; }

    public string? CampaignId { get; init; }

    public string? CreativeId { get; init; }

    public string? SlotId { get; init; }

    public required string Channel { get; init; }

    public string? UserId { get; init; }

    public long ValueMicros { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>What a post or comment says (scored for sentiment by the gateway); null for every other type.</summary>
    public string? Text { get; init; }

    /// <summary>What the campaign is charged for it (a CPM impression: price / 1000).</summary>
    [JsonIgnore]
    public long ChargeMicros { get; init; }

    /// <summary>The most a CPC click may cost (its bid); the exact CPC rule belongs to the gateway.</summary>
    [JsonIgnore]
    public long MaxChargeMicros { get; init; }

    /// <summary>For purchases: <c>new</c> or <c>returning</c>. Not in the API contract, kept for the ground truth.</summary>
    [JsonIgnore]
    public string? Customer { get; init; }

    /// <summary>For purchases a touch caused: that touch's channel (the attribution ground truth); null for the others.</summary>
    [JsonIgnore]
    public string? CausedBy { get; init; }

    /// <summary>The log's partition key: the campaign, or <c>channel:&lt;channel&gt;</c>.</summary>
    [JsonIgnore]
    public string PartitionKey => CampaignId ?? $"channel:{Channel}";

    /// <summary>Sent as a GET of a tracking URL, which has no occurredAt: the server stamps it.</summary>
    [JsonIgnore]
    public DateTimeOffset? BeaconSentAt { get; init; }
}

/// <summary>Body of <c>POST /v1/events/batch</c>.</summary>
public sealed class SimEventBatch
{
    public required IReadOnlyList<SimEvent> Events { get; init; }
}
