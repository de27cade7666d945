using System.Text;
using System.Text.Json;

namespace AdOrleans.Persistence;

/// <summary>
/// How a <see cref="RecentEventIds"/> row stores its ids: a JSON array of [eventId, offset] pairs. JSON so that SQL can
/// build it (the migration from one row per id) and any SQL client can read it.
/// </summary>
public static class EventIdBatchCodec
{
    /// <summary>The largest buffer a thread keeps for its next encoding.</summary>
    private const int MaxKeptBytes = 1024 * 1024;

    /// <summary>Per thread, reused: a new buffer sized for every poll's ids was a fifth of the pipeline's byte arrays.</summary>
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    public static string Encode(IReadOnlyList<RecentEventId> ids)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
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

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptBytes)
        {
            // A rare huge poll (a backlog read at once) does not leave its buffer on the thread.
            t_buffer = null;
        }

        return json;
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
