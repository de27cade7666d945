using System.Text.Json;

namespace AdOrleans.Grains;

/// <summary>
/// Reads a <see cref="TrackedEvent"/> from the JSON the gateway appends to the log (<see cref="GrainJsonContext"/>),
/// for the stream receivers, which decode every event once. System.Text.Json builds a type with required init
/// properties through its parameterized-constructor path, boxing every value into an argument array: that was a
/// sixth of the pipeline's CPU. This reads the same document straight into the object. Unknown properties (such as
/// the serialized <c>partitionKey</c>) are skipped; a document that is not a tracked event throws <see cref="JsonException"/>.
/// Its low-cardinality values come from <see cref="EventValuePool"/>: one string per value instead of one per event.
/// </summary>
public static class TrackedEventReader
{
    /// <summary>Low-cardinality values (type, channel, campaign, …) are shared strings: see <see cref="EventValuePool"/>.</summary>
    private static EventValuePool Values => EventValuePool.Shared;

    public static TrackedEvent Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ReadObject(utf8Json);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new JsonException($"Not a tracked event: {e.Message}", e);
        }
    }

    /// <summary>The event, or null when the document is not a tracked event (for readers that skip such records).</summary>
    public static TrackedEvent? TryRead(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Read(utf8Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TrackedEvent ReadObject(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A tracked event must be a JSON object.");
        }

        string? eventId = null, type = null, auctionId = null, campaignId = null, creativeId = null, slotId = null, channel = null, userId = null, bidType = null, text = null, geo = null, device = null;
        double? sentiment = null;
        long valueMicros = 0, priceMicros = 0, chargeMicros = 0, impressions = 0, clicks = 0;
        List<string>? segments = null;
        DateTimeOffset? occurredAt = null, receivedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (name.ValueTextEquals("eventId"u8))
            {
                eventId = reader.GetString();
            }
            else if (name.ValueTextEquals("type"u8))
            {
                type = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("auctionId"u8))
            {
                auctionId = reader.GetString();
            }
            else if (name.ValueTextEquals("campaignId"u8))
            {
                campaignId = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("creativeId"u8))
            {
                creativeId = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("slotId"u8))
            {
                slotId = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("channel"u8))
            {
                channel = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("userId"u8))
            {
                userId = reader.GetString();
            }
            else if (name.ValueTextEquals("valueMicros"u8))
            {
                valueMicros = reader.GetInt64();
            }
            else if (name.ValueTextEquals("priceMicros"u8))
            {
                priceMicros = reader.GetInt64();
            }
            else if (name.ValueTextEquals("chargeMicros"u8))
            {
                chargeMicros = reader.GetInt64();
            }
            else if (name.ValueTextEquals("bidType"u8))
            {
                bidType = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("segments"u8))
            {
                segments = ReadStrings(ref reader);
            }
            else if (name.ValueTextEquals("occurredAt"u8))
            {
                occurredAt = reader.GetDateTimeOffset();
            }
            else if (name.ValueTextEquals("receivedAt"u8))
            {
                receivedAt = reader.GetDateTimeOffset();
            }
            else if (name.ValueTextEquals("text"u8))
            {
                text = reader.GetString();
            }
            else if (name.ValueTextEquals("sentiment"u8))
            {
                sentiment = reader.GetDouble();
            }
            else if (name.ValueTextEquals("impressions"u8))
            {
                impressions = reader.GetInt64();
            }
            else if (name.ValueTextEquals("clicks"u8))
            {
                clicks = reader.GetInt64();
            }
            else if (name.ValueTextEquals("geo"u8))
            {
                geo = Values.Get(ref reader);
            }
            else if (name.ValueTextEquals("device"u8))
            {
                device = Values.Get(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new TrackedEvent
        {
            EventId = eventId ?? throw Missing("eventId"),
            Type = type ?? throw Missing("type"),
            AuctionId = auctionId,
            CampaignId = campaignId,
            CreativeId = creativeId,
            SlotId = slotId,
            Channel = channel ?? throw Missing("channel"),
            UserId = userId,
            ValueMicros = valueMicros,
            PriceMicros = priceMicros,
            ChargeMicros = chargeMicros,
            BidType = bidType,
            Segments = segments,
            OccurredAt = occurredAt ?? throw Missing("occurredAt"),
            ReceivedAt = receivedAt ?? throw Missing("receivedAt"),
            Text = text,
            Sentiment = sentiment,
            Impressions = impressions,
            Clicks = clicks,
            Geo = geo,
            Device = device,
        };
    }

    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("segments must be an array of strings.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.Null ? throw new JsonException("segments must not hold null.") : Values.Get(ref reader));
        }

        return values;
    }

    private static JsonException Missing(string property) => new($"A tracked event needs {property}.");
}
