using System.Text;
using System.Text.Json;

namespace AdOrleans.Persistence;

/// <summary>
/// How a <see cref="RecentEventIds"/> row stores its ids: a JSON array of [eventId, offset] pairs. JSON so that SQL can
/// build it (the migration from one row per id) and any SQL client can read it.
/// </summary>
public static class EventIdBatchCodec
{
    public static string Encode(IReadOnlyList<RecentEventId> ids)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(ids.Count * 48);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(id.EventId);
                writer.WriteNumberValue(id.Offset);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Adds the ids of one stored row to <paramref name="into"/>, each with the row's time.</summary>
    public static void Decode(int partition, DateTimeOffset at, string json, List<RecentEventId> into)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var id = reader.GetString()!;
            reader.Read();
            var offset = reader.GetInt64();
            reader.Read();
            into.Add(new RecentEventId(partition, id, offset, at));
        }
    }
}
