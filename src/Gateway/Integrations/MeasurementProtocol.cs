using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Integrations;

/// <summary>A GA4 Measurement Protocol body (<c>POST /mp/collect</c>): up to 25 events of one client.</summary>
public sealed class MeasurementProtocolBody
{
    [JsonPropertyName("client_id")]
    public string? ClientId { get; set; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    [JsonPropertyName("timestamp_micros")]
    public JsonElement TimestampMicros { get; set; }

    [JsonPropertyName("events")]
    public List<MeasurementProtocolEvent>? Events { get; set; }
}

public sealed class MeasurementProtocolEvent
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("params")]
    public Dictionary<string, JsonElement>? Params { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MeasurementProtocolBody))]
internal sealed partial class MeasurementProtocolJsonContext : JsonSerializerContext;

/// <summary>
/// GA4 event names to the product's event types (web channel); names without a counterpart are skipped, as GA4
/// accepts and ignores what it does not know. An event's id is a hash of client, time, position and name, so a tag
/// that resends the same body with its <c>timestamp_micros</c> is counted once.
/// </summary>
public static class MeasurementProtocol
{
    public const string Path = "/mp/collect";
    public const string SecretParameter = "api_secret";
    public const int MaxEvents = 25;

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["page_view"] = "pageview", ["session_start"] = "session", ["purchase"] = EventTypes.Purchase,
        ["generate_lead"] = EventTypes.Conversion, ["sign_up"] = EventTypes.Conversion, ["form_submit"] = EventTypes.Conversion,
        ["conversion"] = EventTypes.Conversion, ["share"] = "share", ["post"] = "post", ["comment"] = "comment",
    };

    /// <summary>The body's events as API events (validated next); the count of names skipped; or the field that is wrong.</summary>
    public static (List<EventRequest?> Events, int Skipped, string? Error) Map(MeasurementProtocolBody body, DateTimeOffset now)
    {
        if (body.ClientId is not { Length: > 0 } client)
        {
            return ([], 0, "client_id");
        }

        if (body.Events is not { Count: > 0 and <= MaxEvents } items)
        {
            return ([], 0, "events");
        }

        var micros = body.TimestampMicros.ValueKind switch
        {
            JsonValueKind.Number when body.TimestampMicros.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(body.TimestampMicros.GetString(), out var n) => n,
            _ => now.ToUnixTimeMilliseconds() * 1000,
        };
        var at = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000);
        var events = new List<EventRequest?>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Name is not { } name || !Types.TryGetValue(name, out var type))
            {
                continue;
            }

            var p = items[i].Params ?? [];
            events.Add(new EventRequest
            {
                EventId = p.TryGetValue("transaction_id", out var tx) && tx.ValueKind == JsonValueKind.String ? $"mp:tx:{tx.GetString()}" : Id(client, micros, i, name),
                Type = type,
                Channel = "web",
                UserId = body.UserId ?? client,
                ValueMicros = p.TryGetValue("value", out var value) && value.TryGetDecimal(out var units) ? (long)(units * 1_000_000m) : 0,
                OccurredAt = at,
            });
        }

        return (events, items.Count - events.Count, null);
    }

    private static string Id(string client, long micros, int index, string name) =>
        "mp:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{client}\n{micros}\n{index}\n{name}")))[..32];
}
