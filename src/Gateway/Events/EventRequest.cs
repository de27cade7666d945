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

    /// <summary>
    /// Optional: segment ids the client knows the user is in (as an auction request names them). Counted as KPI
    /// segment dimensions, and they put the user in those segments for automation rules (docs/automation.md).
    /// </summary>
    public List<string?>? Segments { get; set; }

    /// <summary>Optional free text of a social post or comment; scored for the sentiment KPIs.</summary>
    public string? Text { get; set; }

    /// <summary>Optional geo code (e.g. US), as in an auction request; counted as the KPI geo dimension. A token's geo takes precedence.</summary>
    public string? Geo { get; set; }

    /// <summary>Optional device (e.g. mobile), as in an auction request; counted as the KPI device dimension. A token's device takes precedence.</summary>
    public string? Device { get; set; }
}

public sealed class EventBatchRequest
{
    public List<EventRequest?>? Events { get; set; }
}

public sealed record EventsAccepted(int Accepted);
