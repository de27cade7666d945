namespace AdOrleans.Gateway.Events;

/// <summary>One event as a client sends it (API.md). Everything is optional here so that validation can name every missing field.</summary>
public sealed class EventRequest
{
    public string? EventId { get; set; }

    public string? Type { get; set; }

    public string? AuctionId { get; set; }

    public string? Token { get; set; }

    public string? CampaignId { get; set; }

    public string? CreativeId { get; set; }

    public string? SlotId { get; set; }

    public string? Channel { get; set; }

    public string? UserId { get; set; }

    public long ValueMicros { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Optional free text of a social post or comment; scored for the sentiment KPIs.</summary>
    public string? Text { get; set; }
}

public sealed class EventBatchRequest
{
    public List<EventRequest?>? Events { get; set; }
}

public sealed record EventsAccepted(int Accepted);
