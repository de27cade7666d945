using System.Text.Json;
using AdOrleans.Simulator.Generation;

namespace AdOrleans.Simulator.Tests;

public sealed class GeneratorTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSameSeedGeneratesTheSameSequence()
    {
        Assert.Equal(Generate(seed: 42), Generate(seed: 42));
    }

    [Fact]
    public void ADifferentSeedGeneratesADifferentSequence()
    {
        Assert.NotEqual(Generate(seed: 42), Generate(seed: 43));
    }

    [Fact]
    public void GeneratedEventsStayInsideTheirIntervalAndHaveUniqueIds()
    {
        var events = new List<SimEvent>();
        new TrafficGenerator(7, "run", new UserPool(7, 300, 1.1), ["s-1"], 0.1).Generate(5000, From, From.AddMinutes(1), events, []);

        Assert.All(events, e => Assert.InRange(e.OccurredAt!.Value, From, From.AddMinutes(1)));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Subset(new HashSet<string> { "session", "pageview", "post", "like", "comment", "share", "email_sent", "email_open", "email_click", "purchase" }, events.Select(e => e.Type).ToHashSet());
    }

    [Fact]
    public void PostsAndCommentsCarryTextThatScoresEveryWayAndNoOtherEventDoes()
    {
        var events = new List<SimEvent>();
        new TrafficGenerator(11, "run", new UserPool(11, 300, 1.1), [], 0).Generate(20_000, From, From.AddHours(1), events, []);
        var social = events.Where(e => e.Type is "post" or "comment").ToList();

        Assert.NotEmpty(social);
        Assert.All(social, e => Assert.False(string.IsNullOrEmpty(e.Text)));
        Assert.All(events.Except(social), e => Assert.Null(e.Text));
        var scores = social.Select(e => AdOrleans.Gateway.Sentiment.SentimentScorer.Score(e.Text!)).ToList();
        Assert.Contains(scores, s => s >= 0.05);
        Assert.Contains(scores, s => s <= -0.05);
        Assert.Contains(scores, s => s is > -0.05 and < 0.05);
    }

    [Fact]
    public void PurchasesSplitIntoNewAndReturningCustomers()
    {
        var events = new List<SimEvent>();
        new TrafficGenerator(5, "run", new UserPool(5, 200, 1.1), [], 0).Generate(20_000, From, From.AddHours(1), events, []);
        var purchases = events.Where(e => e.Type == "purchase").ToList();

        Assert.Contains(purchases, p => p.Customer == "new");
        Assert.Contains(purchases, p => p.Customer == "returning");
        Assert.All(purchases, p => Assert.True(p.ValueMicros > 0 && p.ValueMicros % 10_000 == 0));
        Assert.Equal(purchases.Where(p => p.Customer == "new").Select(p => p.UserId).Distinct().Count(), purchases.Count(p => p.Customer == "new"));
    }

    private static string Generate(int seed)
    {
        var events = new List<SimEvent>();
        var ads = new List<AdOpportunity>();
        new TrafficGenerator(seed, "run", new UserPool(seed, 1000, 1.1), ["s-1", "s-2"], 0.2).Generate(3000, From, From.AddMinutes(5), events, ads);
        return JsonSerializer.Serialize(new SimEventBatch { Events = events }, SimJsonContext.Default.SimEventBatch) + JsonSerializer.Serialize(ads.Select(a => $"{a.User.Id}/{a.User.UserAgent}/{a.SlotId}/{a.Draws}/{a.SimTime:O}"));
    }
}
