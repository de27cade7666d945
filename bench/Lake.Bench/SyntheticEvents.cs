using AdOrleans.Grains;

namespace AdOrleans.Lake.Bench;

/// <summary>
/// Events shaped like the simulator's traffic: a GUID eventId (what clients send; random, so it compresses as badly
/// as real ids), 100 campaigns with creatives and slots, 100,000 users, the type mix of an ad funnel, one day of
/// occurredAt, segments on a third of the events. Deterministic for a given count.
/// </summary>
internal static class SyntheticEvents
{
    private static readonly string[] Types = ["impression", "impression", "impression", "impression", "impression", "impression", "click", "pageview", "pageview", "conversion", "purchase", "email_open"];
    private static readonly string[] ChannelNames = ["display", "search", "social", "email", "video", "web"];

    public static IEnumerable<TrackedEvent> Generate(int count, DateTimeOffset day)
    {
        var random = new Random(42);
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            var campaign = random.Next(100);
            var type = Types[random.Next(Types.Length)];
            var at = day.AddMilliseconds(random.Next(86_400_000));
            var billable = type is "impression" or "click";
            yield return new TrackedEvent
            {
                EventId = new Guid(bytes).ToString(),
                Type = type,
                CampaignId = $"c-{campaign}",
                CreativeId = $"c-{campaign}-cr{random.Next(3)}",
                SlotId = billable ? $"slot-{random.Next(40)}" : null,
                AuctionId = billable ? $"a-{i / 3}" : null,
                Channel = ChannelNames[campaign % ChannelNames.Length],
                UserId = $"u-{random.Next(100_000)}",
                ValueMicros = type is "conversion" or "purchase" ? random.Next(1, 200) * 10_000 : 0,
                PriceMicros = billable ? 1_500_000 + random.Next(1_000_000) : 0,
                ChargeMicros = billable ? 1_000 + random.Next(2_000) : 0,
                BidType = billable ? "cpm" : null,
                Segments = random.Next(3) == 0 ? [$"seg-{random.Next(20)}", $"seg-{random.Next(20)}"] : null,
                OccurredAt = at,
                ReceivedAt = at.AddMilliseconds(random.Next(500)),
            };
        }
    }
}
