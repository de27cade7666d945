using System.Text;
using System.Text.Json;
using AdOrleans.Grains;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

/// <summary>The receivers' hand-written reader returns exactly what the gateway's source-generated JSON holds.</summary>
public sealed class TrackedEventReaderTests
{
    private static readonly Gen<string> Text = Gen.Elements("e-1", "c-7", "", "ünï \"quoted\" \\ / \t", "😀 emoji", "channel:web", new string('x', 300));

    private static readonly Gen<string?> OptionalText = Gen.OneOf(Gen.Constant<string?>(null), Text.Select(t => (string?)t));

    private static readonly Gen<DateTimeOffset> Instant =
        from ticks in Gen.Choose(0, int.MaxValue)
        from offsetMinutes in Gen.Elements(0, 60, -330, 840)
        select new DateTimeOffset(new DateTime(2020, 1, 1).AddTicks(ticks * 1_000L), TimeSpan.FromMinutes(offsetMinutes));

    private static readonly Gen<TrackedEvent> TrackedEvents =
        from eventId in Text
        from type in Text
        from channel in Text
        from auctionId in OptionalText
        from campaignId in OptionalText
        from creativeId in OptionalText
        from slotId in OptionalText
        from userId in OptionalText
        from bidType in OptionalText
        from value in Gen.Choose(int.MinValue, int.MaxValue)
        from price in Gen.Choose(0, int.MaxValue)
        from charge in Gen.Choose(0, 1000)
        from segments in Gen.OneOf(Gen.Constant<List<string>?>(null), Text.ListOf().Select(l => (List<string>?)[.. l]))
        from occurredAt in Instant
        from receivedAt in Instant
        from text in OptionalText
        from sentiment in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(-1_000_000, 1_000_000).Select(i => (double?)(i / 1e6)))
        from impressions in Gen.Choose(0, 1000)
        from clicks in Gen.Choose(0, 100)
        select new TrackedEvent
        {
            EventId = eventId, Type = type, Channel = channel, AuctionId = auctionId, CampaignId = campaignId, CreativeId = creativeId,
            SlotId = slotId, UserId = userId, BidType = bidType, ValueMicros = value * 1_000_003L, PriceMicros = price, ChargeMicros = charge,
            Segments = segments, OccurredAt = occurredAt, ReceivedAt = receivedAt, Text = text, Sentiment = sentiment,
            Impressions = impressions, Clicks = clicks,
        };

    private static string Json(TrackedEvent e) => JsonSerializer.Serialize(e, GrainJsonContext.Default.TrackedEvent);

    [Fact]
    public void Every_event_the_gateway_writes_reads_back_unchanged() =>
        Prop.ForAll(TrackedEvents.ToArbitrary(), e =>
        {
            var read = TrackedEventReader.Read(JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent));
            return Json(read) == Json(e) && read.OccurredAt.Offset == e.OccurredAt.Offset;
        })
        .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"eventId\":\"e\",\"type\":\"t\",\"channel\":\"web\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"eventId\":5,\"type\":\"t\",\"channel\":\"web\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"eventId\":\"e\",\"type\":\"t\",\"channel\":\"web\",\"occurredAt\":\"yesterday\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"eventId\":\"e\"")]
    public void A_document_that_is_not_a_tracked_event_is_refused_with_a_json_error(string json) =>
        Assert.ThrowsAny<JsonException>(() => TrackedEventReader.Read(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Unknown_and_computed_properties_are_skipped()
    {
        var json = """{"eventId":"e","extra":{"a":[1,2]},"type":"pageview","channel":"web","partitionKey":"x","occurredAt":"2026-01-01T00:00:00Z","receivedAt":"2026-01-01T00:00:01Z"}""";
        var read = TrackedEventReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(("e", "pageview", "channel:web"), (read.EventId, read.Type, read.PartitionKey));
    }
}
