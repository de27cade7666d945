using System.Text.Json;
using System.Text.Json.Serialization;
using AdOrleans.Gateway.Events;

namespace AdOrleans.Gateway.Integrations;

/// <summary>A form submission (kind <c>form</c>): counted as a conversion of the source's channel.</summary>
public sealed class FormSubmission
{
    public string? FormId { get; set; }

    public string? SubmissionId { get; set; }

    public string? UserId { get; set; }

    public string? CampaignId { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public long ValueMicros { get; set; }

    public Dictionary<string, JsonElement>? Fields { get; set; }
}

/// <summary>
/// One CRM change notification (kind <c>crm</c>), shaped like HubSpot's webhook items plus what the sender knows of
/// the user: <c>contact.*</c> changes update the user's contact attributes, a deal reaching a won stage is a purchase.
/// </summary>
public sealed class CrmChange
{
    public JsonElement EventId { get; set; }

    public string? SubscriptionType { get; set; }

    public JsonElement ObjectId { get; set; }

    public string? PropertyName { get; set; }

    public string? PropertyValue { get; set; }

    /// <summary>Milliseconds since the epoch, as HubSpot sends it.</summary>
    public long? OccurredAt { get; set; }

    public string? UserId { get; set; }

    public long AmountMicros { get; set; }
}

public sealed class WebhookEvents
{
    public List<EventRequest?>? Events { get; set; }
}

/// <summary>What a webhook delivery did: events appended, contacts updated, items it had no mapping for.</summary>
public sealed record WebhookAccepted(int Events, int Contacts, int Ignored);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FormSubmission))]
[JsonSerializable(typeof(List<CrmChange>))]
[JsonSerializable(typeof(WebhookEvents))]
[JsonSerializable(typeof(CostReport))]
[JsonSerializable(typeof(List<CostReport>))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
