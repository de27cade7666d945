using Bogus;

namespace AdOrleans.Simulator.Generation;

/// <summary>The user population, made with Bogus from the seed; who is active is drawn with Zipf, so a few users make much of the traffic.</summary>
public sealed class UserPool
{
    private static readonly (string Geo, double Weight)[] Geos =
        [("US", 0.38), ("GB", 0.1), ("DE", 0.1), ("FR", 0.08), ("IN", 0.1), ("BR", 0.07), ("JP", 0.07), ("CA", 0.05), ("AU", 0.05)];

    private static readonly (string Device, double Weight)[] Devices = [("mobile", 0.6), ("desktop", 0.33), ("tablet", 0.07)];

    private static readonly string[] SearchAndSocial =
        ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://t.co/", "https://www.facebook.com/", "https://www.reddit.com/"];

    private readonly ZipfSampler _activity;

    public UserPool(int seed, int count, double activityExponent)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var users = new SimUser[count];
        for (var i = 0; i < count; i++)
        {
            var device = Pick(faker, Devices);
            var referrer = faker.Random.Double() switch
            {
                < 0.35 => "",
                < 0.8 => faker.PickRandom(SearchAndSocial),
                _ => faker.Internet.UrlWithPath(),
            };
            users[i] = new SimUser(
                $"u-{i:D7}",
                faker.Internet.UserAgent(),
                referrer,
                Pick(faker, Geos),
                device,
                [.. faker.PickRandom(Catalog.Segments, faker.Random.Int(0, 2)).Select(s => s.Id)],
                faker.Random.Double() < 0.3);
        }

        Users = users;
        _activity = new ZipfSampler(count, activityExponent);
    }

    public IReadOnlyList<SimUser> Users { get; }

    public ZipfSampler Activity => _activity;

    /// <summary>Draws the user behind the next activity; ranks are user indexes, so user 0 is the most active.</summary>
    public SimUser Next(Random random) => Users[_activity.Sample(random)];

    private static string Pick(Faker faker, (string Value, double Weight)[] choices)
    {
        var x = faker.Random.Double() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
