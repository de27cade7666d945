namespace AdOrleans.Grains;

/// <summary>An event as it is stored on the log: what the client sent, validated, plus when the gateway accepted it.</summary>
[GenerateSerializer, Immutable]
public sealed record TrackedEvent
{
    [Id(0)]
    public required string EventId { get; init; }

    [Id(1)]
    public required string Type { get; init; }

    [Id(2)]
    public string? AuctionId { get; init; }

    [Id(3)]
    public string? CampaignId { get; init; }

    [Id(4)]
    public string? CreativeId { get; init; }

    [Id(5)]
    public string? SlotId { get; init; }

    [Id(6)]
    public required string Channel { get; init; }

    [Id(7)]
    public string? UserId { get; init; }

    [Id(8)]
    public long ValueMicros { get; init; }

    /// <summary>The auction's clearing price the signed tracking token carries (CPM micros); 0 for events without a token.</summary>
    [Id(9)]
    public long PriceMicros { get; init; }

    /// <summary>
    /// What this event costs the advertiser if it is billable (the first impression, or first click, of its auction):
    /// set by the gateway from the verified token, never from client input. 0 for unbilled event types.
    /// </summary>
    [Id(10)]
    public long ChargeMicros { get; init; }

    /// <summary>cpm or cpc, from the token; null for events without one.</summary>
    [Id(11)]
    public string? BidType { get; init; }

    [Id(12)]
    public IReadOnlyList<string>? Segments { get; init; }

    [Id(13)]
    public required DateTimeOffset OccurredAt { get; init; }

    [Id(14)]
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Free text of a social <c>post</c> or <c>comment</c>, as the client sent it (optional).</summary>
    [Id(15)]
    public string? Text { get; init; }

    /// <summary>
    /// The text's sentiment in [−1, 1], scored once by the gateway that accepted it (docs/kpi.md, "Sentiment"), so a
    /// replay counts the same score whatever the lexicon has become since; null without text.
    /// </summary>
    [Id(16)]
    public double? Sentiment { get; init; }

    /// <summary>
    /// Impressions an external ad platform reported (a <c>cost</c> event from a signed cost-report webhook only; its
    /// spend is <see cref="ChargeMicros"/>). Left out of the log's JSON when 0, so other events carry no extra bytes.
    /// </summary>
    [Id(17)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public long Impressions { get; init; }

    /// <summary>Clicks an external ad platform reported (a <c>cost</c> event only).</summary>
    [Id(18)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public long Clicks { get; init; }

    /// <summary>
    /// The auction request's geo code (e.g. US): from the signed tracking token for beacons, or as the client sent it.
    /// Null on events from before this field existed and on events without one; the KPI rollups count those as <c>unknown</c>.
    /// </summary>
    [Id(19)]
    public string? Geo { get; init; }

    /// <summary>The auction request's device (e.g. mobile), like <see cref="Geo"/>.</summary>
    [Id(20)]
    public string? Device { get; init; }

    /// <summary>The log key: events of one campaign stay in order on one partition; others group by channel.</summary>
    public string PartitionKey => CampaignId ?? $"channel:{Channel}";
}
