using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using AdOrleans.Simulator.Generation;

namespace AdOrleans.Simulator.Tests;

/// <summary>The data-driven attribution model against the simulator's record of which channel caused each purchase.</summary>
public sealed class AttributionGroundTruthTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    [InlineData(2026)]
    public void MarkovRemovalEffectsRankTheChannelsInTheOrderTheirTouchesCausedPurchasesOnTheDefaultScenario(int seed)
    {
        // Default population and skew, no ads (their conversions need the service); an hour of simulated traffic.
        var events = new List<SimEvent>();
        new TrafficGenerator(seed, "run", new UserPool(seed, 20_000, 1.1), [], 0).Generate(60_000, From, From.AddHours(1), events, []);
        var trueOrder = events.Where(e => e.CausedBy is not null).GroupBy(e => e.CausedBy!)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

        var paths = Paths(events);
        var markovOrder = MarkovRemoval.Effects(paths).OrderByDescending(e => e.Effect).Select(e => e.Channel)
            .Where(c => c != AttributionModels.Direct).ToList();

        Assert.Equal(3, trueOrder.Count);
        Assert.Equal(trueOrder, markovOrder);
    }

    /// <summary>Every user's events through the journeys, as the service applies them; the path rows summed.</summary>
    private static List<JourneyPathCount> Paths(List<SimEvent> events)
    {
        var options = new AttributionOptions();
        var paths = new Dictionary<string, (long Conversions, long Nulls)>(StringComparer.Ordinal);
        foreach (var user in events.Where(e => e.UserId is not null).GroupBy(e => e.UserId!))
        {
            var state = new JourneyState();
            foreach (var e in user.OrderBy(e => e.OccurredAt))
            {
                JourneyTimeline.Apply(state, Tracked(e), options);
                foreach (var p in state.TakeDelta()?.Paths ?? [])
                {
                    var (c, n) = paths.GetValueOrDefault(p.Path);
                    paths[p.Path] = (c + p.Conversions, n + p.Nulls);
                }
            }
        }

        return [.. paths.Select(p => new JourneyPathCount(p.Key.Split('>'), p.Value.Conversions, p.Value.Nulls))];
    }

    private static TrackedEvent Tracked(SimEvent e) => new()
    {
        EventId = e.EventId, Type = e.Type, Channel = e.Channel, UserId = e.UserId, CampaignId = e.CampaignId,
        ValueMicros = e.ValueMicros, OccurredAt = e.OccurredAt!.Value, ReceivedAt = e.OccurredAt!.Value,
    };
}
