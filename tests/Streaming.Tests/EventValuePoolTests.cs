using System.Text;
using System.Text.Json;
using AdOrleans.Grains;

namespace AdOrleans.Streaming.Tests;

public sealed class EventValuePoolTests
{
    [Fact]
    public void Two_events_with_the_same_campaign_share_one_string()
    {
        var first = TrackedEventReader.Read(Event("e-1", "camp-shared-1"));
        var second = TrackedEventReader.Read(Event("e-2", "camp-shared-1"));

        Assert.Equal("camp-shared-1", second.CampaignId);
        Assert.Same(first.CampaignId, second.CampaignId);
        Assert.Same(first.Channel, second.Channel);
        Assert.NotSame(first.EventId, second.EventId);
    }

    [Fact]
    public void The_pool_stops_growing_at_its_cap_and_later_values_still_read_right()
    {
        var pool = new EventValuePool();
        for (var i = 0; i < EventValuePool.MaxValues + 100; i++)
        {
            Assert.Equal($"value-{i}", Get(pool, $"\"value-{i}\""));
        }

        Assert.Equal(EventValuePool.MaxValues, pool.Count);
        Assert.Equal("value-3", Get(pool, "\"value-3\""));
    }

    [Fact]
    public void Escaped_and_long_values_are_read_as_written()
    {
        var pool = new EventValuePool();
        var longValue = new string('x', 300);

        Assert.Equal("a\"b", Get(pool, "\"a\\\"b\""));
        Assert.Equal("é", Get(pool, "\"\\u00e9\""));
        Assert.Equal(longValue, Get(pool, $"\"{longValue}\""));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_refused_as_before()
    {
        Assert.Throws<InvalidOperationException>(() => Get(new EventValuePool(), "42"));
    }

    private static string Get(EventValuePool pool, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return pool.Get(ref reader);
    }

    private static byte[] Event(string eventId, string campaignId) => Encoding.UTF8.GetBytes(
        $$"""{"eventId":"{{eventId}}","type":"click","channel":"web","campaignId":"{{campaignId}}","occurredAt":"2026-12-05T00:00:00Z","receivedAt":"2026-12-05T00:00:01Z"}""");
}
