using System.Text.Json;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Integrations;

/// <summary>What one delivery of a source maps to: API events (validated next like any others), contact updates, ignored items.</summary>
public sealed record WebhookBatch(List<EventRequest?> Events, List<(string UserId, ContactUpdate Update)> Contacts, int Ignored);

/// <summary>
/// Turns a source's payload into events and contact updates. EventIds derive from the sender's own ids
/// (<c>&lt;source&gt;:&lt;submission or deal id&gt;</c>), so a redelivered webhook is dropped as a repeat downstream.
/// </summary>
public static class WebhookMapping
{
    private static readonly HashSet<string> WonStages = new(StringComparer.OrdinalIgnoreCase) { "closedwon", "won", "closed_won" };

    /// <exception cref="JsonException">The body is not the kind's JSON shape.</exception>
    public static WebhookBatch Map(string source, IntegrationSource settings, ReadOnlySpan<byte> body, DateTimeOffset now) => settings.Kind switch
    {
        WebhookKinds.Form => Form(source, settings, JsonSerializer.Deserialize(body, WebhookJsonContext.Default.FormSubmission)),
        WebhookKinds.Crm => Crm(source, settings, JsonSerializer.Deserialize(body, WebhookJsonContext.Default.ListCrmChange) ?? [], now),
        _ => new WebhookBatch(JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookEvents)?.Events ?? [], [], 0),
    };

    private static WebhookBatch Form(string source, IntegrationSource settings, FormSubmission? form)
    {
        if (form is null)
        {
            throw new JsonException("Expected a form submission object.");
        }

        var conversion = new EventRequest
        {
            EventId = form.SubmissionId is null ? null : $"{source}:{form.SubmissionId}",
            Type = EventTypes.Conversion,
            Channel = settings.Channel,
            UserId = form.UserId,
            CampaignId = form.CampaignId,
            ValueMicros = form.ValueMicros,
            OccurredAt = form.SubmittedAt,
        };
        return new WebhookBatch([conversion], [], 0);
    }

    private static WebhookBatch Crm(string source, IntegrationSource settings, List<CrmChange> changes, DateTimeOffset now)
    {
        var (events, contacts, ignored) = (new List<EventRequest?>(), new List<(string, ContactUpdate)>(), 0);
        foreach (var change in changes)
        {
            var at = change.OccurredAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now;
            var type = change.SubscriptionType ?? "";
            if (type.StartsWith("contact.", StringComparison.Ordinal) && change.UserId is { } user && change.PropertyName is { } name)
            {
                contacts.Add((user, new ContactUpdate(source, at, new Dictionary<string, string> { [name] = change.PropertyValue ?? "" })));
            }
            else if (type.StartsWith("deal.", StringComparison.Ordinal) && change.PropertyName == "dealstage" && WonStages.Contains(change.PropertyValue ?? "")
                && Text(change.ObjectId) is { Length: > 0 } deal)
            {
                events.Add(new EventRequest
                {
                    EventId = $"{source}:deal:{deal}:won",
                    Type = EventTypes.Purchase,
                    Channel = settings.Channel,
                    UserId = change.UserId,
                    ValueMicros = change.AmountMicros,
                    OccurredAt = at,
                });
            }
            else
            {
                ignored++;
            }
        }

        return new WebhookBatch(events, contacts, ignored);
    }

    private static string Text(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number => id.GetRawText(),
        JsonValueKind.String => id.GetString() ?? "",
        _ => "",
    };
}
