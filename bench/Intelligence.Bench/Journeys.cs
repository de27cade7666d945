using System.Text.Json;

namespace AdOrleans.Intelligence.Bench;

/// <summary>
/// The users' journeys, the same for a seed: 1–3 touchpoints each (six channels, campaigns spread over 48 log keys so
/// every partition works) and a conversion with a probability that grows with the channels touched (search and
/// email convert most). Generated per user from the seed, so nothing is held in memory.
/// </summary>
internal sealed class Journeys
{
    public const int UsersPerBatch = 250; // at most 4 events each: a batch stays within the endpoint's 1,000

    private static readonly (string Channel, string Type, double Rate)[] Channels =
    [
        ("search", "pageview", 0.10), ("email", "email_open", 0.08), ("social", "like", 0.04),
        ("web", "pageview", 0.03), ("display", "pageview", 0.02), ("video", "pageview", 0.02),
    ];

    private readonly int _seed;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public Journeys(int users, int seed)
    {
        (Users, _seed) = (users, seed);
        for (var u = 0; u < users; u++)
        {
            var (touches, converts) = Plan(u);
            Touchpoints += touches.Length;
            Conversions += converts ? 1 : 0;
        }
    }

    public int Users { get; }

    public long Touchpoints { get; }

    public long Conversions { get; }

    public int Batches => (Users + UsersPerBatch - 1) / UsersPerBatch;

    /// <summary>Every log key the events go to (the totals API counts per key): 48 campaigns, and the conversions' channel.</summary>
    public IEnumerable<string> LogKeys => Channels.SelectMany(c => Enumerable.Range(0, 8).Select(i => $"ib-{c.Channel}-{i}")).Append("channel:web");

    public long Events => Touchpoints + Conversions;

    /// <summary>The JSON body of one <c>POST /v1/events/batch</c>; returns how many events it holds.</summary>
    public int WriteBatch(int batch, Utf8JsonWriter json)
    {
        var events = 0;
        json.WriteStartObject();
        json.WriteStartArray("events");
        for (var u = batch * UsersPerBatch; u < Math.Min(Users, (batch + 1) * UsersPerBatch); u++)
        {
            var (touches, converts) = Plan(u);
            var at = _start.AddMinutes(-(u % 360) - 5);
            for (var i = 0; i < touches.Length; i++)
            {
                var (channel, type, _) = Channels[touches[i]];
                Event(json, $"ib-{u}-{i}", type, channel, $"ib-{channel}-{u % 8}", u, at.AddSeconds(i), 0);
                events++;
            }

            if (converts)
            {
                Event(json, $"ib-{u}-conversion", "conversion", "web", null, u, at.AddSeconds(touches.Length), 10_000_000 + (u % 90) * 1_000_000L);
                events++;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return events;
    }

    private (int[] Touches, bool Converts) Plan(int user)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + user)); // not HashCode.Combine: randomized per process
        var touches = new int[1 + random.Next(3)];
        var notConverting = 1.0;
        for (var i = 0; i < touches.Length; i++)
        {
            touches[i] = random.Next(Channels.Length);
            notConverting *= 1 - Channels[touches[i]].Rate;
        }

        return (touches, random.NextDouble() < 1 - notConverting);
    }

    private static void Event(Utf8JsonWriter json, string id, string type, string channel, string? campaign, int user, DateTimeOffset at, long valueMicros)
    {
        json.WriteStartObject();
        json.WriteString("eventId", id);
        json.WriteString("type", type);
        json.WriteString("channel", channel);
        if (campaign is not null)
        {
            json.WriteString("campaignId", campaign);
        }

        json.WriteString("userId", $"u-{user}");
        json.WriteString("occurredAt", at);
        json.WriteNumber("valueMicros", valueMicros);
        json.WriteEndObject();
    }
}
