namespace AdOrleans.Grains;

/// <summary>An event as it is stored on the log: what the client sent, validated, plus when the gateway accepted it.</summary>
public sealed record TrackedEvent
{
    public required string EventId { get; init; }

    public required string Type { get; init; }

    public string? AuctionId { get; init; }

    public string? CampaignId { get; init; }

    public string? CreativeId { get; init; }

    public string? SlotId { get; init; }

    public required string Channel { get; init; }

    public string? UserId { get; init; }

    public long ValueMicros { get; init; }

    /// <summary>The auction's clearing price the signed tracking token carries (CPM micros); 0 for events without a token.</summary>
    public long PriceMicros { get; init; }

    /// <summary>
    /// What this event costs the advertiser if it is billable (the first impression, or first click, of its auction):
    /// set by the gateway from the verified token, never from client input. 0 for unbilled event types.
    /// </summary>
    public long ChargeMicros { get; init; }

    /// <summary>cpm or cpc, from the token; null for events without one.</summary>
    public string? BidType { get; init; }

    public IReadOnlyList<string>? Segments { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The log key: events of one campaign stay in order on one partition; others group by channel.</summary>
    public string PartitionKey => CampaignId ?? $"channel:{Channel}";
}
