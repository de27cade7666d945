using System.Text.Json;

namespace AdOrleans.Grains.Privacy;

/// <summary>
/// Redacts one user from an events-topic record (JSON of a <see cref="TrackedEvent"/>) in place, at the same length,
/// for the file log's in-place rewrite: the top-level <c>"userId":"…"</c> property is blanked with spaces together
/// with one adjacent comma (so the record reads as an event without a user), and any occurrence of the id inside the
/// free strings a client chose (<c>eventId</c>, <c>text</c>) is masked with '*'; validated fields (type, channel,
/// campaign …) are never touched, so a short id cannot damage them. Records of other users are left alone.
/// </summary>
public static class EventRedaction
{
    public static bool Redact(Span<byte> json, ReadOnlySpan<byte> userId)
    {
        if (json.IndexOf(userId) < 0)
        {
            return false;
        }

        var masks = new List<(int Start, int Length)>();
        (int Start, int End)? property = null;
        var free = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    free = reader.ValueTextEquals("eventId"u8) || reader.ValueTextEquals("text"u8);
                }

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("userId"u8))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.SequenceEqual(userId))
                    {
                        property = (start, (int)reader.TokenStartIndex + reader.ValueSpan.Length + 2);
                    }
                }

                if (reader.TokenType == JsonTokenType.String && free)
                {
                    AddOccurrences(reader.ValueSpan, (int)reader.TokenStartIndex + 1, userId, masks);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (property is not { } p)
        {
            return false;
        }

        foreach (var (start, length) in masks)
        {
            json.Slice(start, length).Fill((byte)'*');
        }

        Blank(json, p.Start, p.End);
        return true;
    }

    private static void AddOccurrences(ReadOnlySpan<byte> value, int offset, ReadOnlySpan<byte> userId, List<(int, int)> into)
    {
        var from = 0;
        while (value[from..].IndexOf(userId) is var at and >= 0)
        {
            into.Add((offset + from + at, userId.Length));
            from += at + userId.Length;
        }
    }

    /// <summary>Spaces over the property and the comma that separated it from a neighbour (JSON allows whitespace there).</summary>
    private static void Blank(Span<byte> json, int start, int end)
    {
        json[start..end].Fill((byte)' ');
        var after = end;
        while (after < json.Length && json[after] is (byte)' ')
        {
            after++;
        }

        if (after < json.Length && json[after] == (byte)',')
        {
            json[after] = (byte)' ';
            return;
        }

        var before = start - 1;
        while (before >= 0 && json[before] is (byte)' ')
        {
            before--;
        }

        if (before >= 0 && json[before] == (byte)',')
        {
            json[before] = (byte)' ';
        }
    }
}
