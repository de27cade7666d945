using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Integrations.Imports;

/// <summary>
/// CSV rows to what they import. Offline conversions: <c>userId</c> and <c>occurredAt</c> required; <c>value</c>
/// (currency units) or <c>valueMicros</c>; <c>type</c> conversion|purchase; <c>channel</c> (web); <c>campaignId</c>;
/// <c>eventId</c>, else one derived from the row's content, so importing a file twice counts each row once.
/// Contacts: <c>userId</c> required, every other column an attribute, <c>updatedAt</c> optional.
/// </summary>
public static class ImportRows
{
    public static EventRequest? Conversion(CsvTable table, List<string> row, Action<string, string> error)
    {
        string? Cell(string name) => table.Column(name) is var c and >= 0 && c < row.Count && row[c].Trim() is { Length: > 0 } v ? v : null;

        var user = Cell("userId");
        if (user is null)
        {
            error("userId", "Required.");
        }

        DateTimeOffset? at = null;
        if (Cell("occurredAt") is not { } when || !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error("occurredAt", "Required: an ISO-8601 time.");
        }
        else
        {
            at = parsed;
        }

        long micros = 0;
        if (Cell("valueMicros") is { } rawMicros && !long.TryParse(rawMicros, NumberStyles.Integer, CultureInfo.InvariantCulture, out micros))
        {
            error("valueMicros", "Must be an integer.");
        }
        else if (Cell("value") is { } rawValue)
        {
            if (decimal.TryParse(rawValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var units) && units is >= 0 and < 1_000_000_000_000m)
            {
                micros = (long)(units * 1_000_000m);
            }
            else
            {
                error("value", "Must be a non-negative decimal number of currency units.");
            }
        }

        if (user is null || at is null)
        {
            return null;
        }

        var type = Cell("type") ?? EventTypes.Conversion;
        var campaign = Cell("campaignId");
        return new EventRequest
        {
            EventId = Cell("eventId") ?? DerivedId(user, at.Value, micros, type, campaign),
            Type = type,
            Channel = Cell("channel") ?? "web",
            UserId = user,
            CampaignId = campaign,
            ValueMicros = micros,
            OccurredAt = at,
        };
    }

    public static (string UserId, ContactUpdate Update)? Contact(CsvTable table, List<string> row, string source, DateTimeOffset now, Action<string, string> error)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? user = null;
        var at = now;
        for (var c = 0; c < table.Header.Count && c < row.Count; c++)
        {
            var (name, value) = (table.Header[c].Trim(), row[c].Trim());
            if (name.Equals("userId", StringComparison.OrdinalIgnoreCase))
            {
                user = value.Length > 0 ? value : null;
            }
            else if (name.Equals("updatedAt", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
                {
                    error("updatedAt", "Must be an ISO-8601 time.");
                }
            }
            else if (name.Length > 0 && value.Length > 0)
            {
                attributes[name] = value;
            }
        }

        if (user is null || user.Length > EventValidator.MaxIdLength || user.Any(char.IsControl))
        {
            error("userId", $"Required: 1 to {EventValidator.MaxIdLength} printable characters.");
            return null;
        }

        return (user, new ContactUpdate(source, at, attributes));
    }

    private static string DerivedId(string user, DateTimeOffset at, long micros, string type, string? campaign) =>
        "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{user}\n{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}\n{micros.ToString(CultureInfo.InvariantCulture)}\n{type}\n{campaign}")))[..32];
}
