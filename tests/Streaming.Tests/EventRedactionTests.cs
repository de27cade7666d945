using System.Text;
using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Grains.Privacy;

namespace AdOrleans.Streaming.Tests;

/// <summary>An events record redacted for an erasure stays the same length, still reads as an event, and names the user nowhere.</summary>
public sealed class EventRedactionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("erase-me-7f3a9c")]
    [InlineData("u")]
    public void The_users_record_loses_its_user_id_and_keeps_everything_else(string user)
    {
        var json = Serialize(Event(user, eventId: $"pv-{user}-1", text: $"hello {user}"));
        var length = json.Length;

        Assert.True(EventRedaction.Redact(json, Encoding.UTF8.GetBytes(user)));

        Assert.Equal(length, json.Length);
        var read = TrackedEventReader.Read(json);
        Assert.Null(read.UserId);
        Assert.Equal(("purchase", "web", "c-1", 2_500L), (read.Type, read.Channel, read.CampaignId, read.ValueMicros));
        Assert.Equal($"pv-{new string('*', user.Length)}-1", read.EventId);
        Assert.Equal($"hello {new string('*', user.Length)}", read.Text);
        Assert.DoesNotContain($"\"{user}\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_users_record_is_left_as_it_was_even_when_it_mentions_the_id()
    {
        var json = Serialize(Event("someone-else", eventId: "e-1", text: "erase-me-7f3a9c was here"));
        var before = json.ToArray();

        Assert.False(EventRedaction.Redact(json, "erase-me-7f3a9c"u8));
        Assert.Equal(before, json);
    }

    [Fact]
    public void A_user_id_that_is_the_last_property_leaves_valid_json()
    {
        var json = Encoding.UTF8.GetBytes("""{"eventId":"e-9","type":"pageview","channel":"web","occurredAt":"2026-12-03T12:00:00+00:00","receivedAt":"2026-12-03T12:00:00+00:00","userId":"erase-me"}""");

        Assert.True(EventRedaction.Redact(json, "erase-me"u8));

        Assert.Null(TrackedEventReader.Read(json).UserId);
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("userId", out _));
    }

    private static TrackedEvent Event(string user, string eventId, string text) => new()
    {
        EventId = eventId, Type = "purchase", Channel = "web", CampaignId = "c-1", UserId = user, ValueMicros = 2_500,
        Text = text, OccurredAt = At, ReceivedAt = At,
    };

    private static byte[] Serialize(TrackedEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent);
}
