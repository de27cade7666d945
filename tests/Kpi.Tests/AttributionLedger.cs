using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;

namespace AdOrleans.Kpi.Tests;

/// <summary>
/// Journeys run in memory, with their rows summed as the store sums them: the pure path from events to the data an
/// attribution report reads (no service), for hand-computed and property tests. With
/// <paramref name="forgetContributions"/> every journey drops its cached contributions after each event, as a shard
/// does for all but its most recently active journeys.
/// </summary>
internal sealed class AttributionLedger(AttributionOptions options, bool forgetContributions = false)
{
    private readonly Dictionary<string, JourneyState> _journeys = [];
    private readonly HashSet<string> _delivered = [];
    private readonly Dictionary<(string Model, string Channel, string Campaign), (long Nano, long Revenue)> _credits = [];
    private readonly Dictionary<string, (long Conversions, long Nulls)> _paths = [];

    public AttributionLedger()
        : this(new AttributionOptions())
    {
    }

    public AttributionLedger Apply(params IEnumerable<TrackedEvent> events)
    {
        foreach (var e in events)
        {
            // The stream receiver drops a repeated eventId before it reaches an aggregator, however late it comes.
            if (!_delivered.Add(e.EventId))
            {
                continue;
            }

            if (!_journeys.TryGetValue(e.UserId!, out var state))
            {
                _journeys[e.UserId!] = state = new JourneyState();
            }

            JourneyTimeline.Apply(state, e, options);
            if (forgetContributions)
            {
                state.Contributions = null;
            }

            if (state.TakeDelta() is { } row)
            {
                foreach (var c in row.Credits)
                {
                    var (n, r) = _credits.GetValueOrDefault((c.Model, c.Channel, c.CampaignId));
                    _credits[(c.Model, c.Channel, c.CampaignId)] = (n + c.NanoConversions, r + c.RevenueMicros);
                }

                foreach (var p in row.Paths)
                {
                    var (conversions, nulls) = _paths.GetValueOrDefault(p.Path);
                    _paths[p.Path] = (conversions + p.Conversions, nulls + p.Nulls);
                }
            }
        }

        return this;
    }

    public AttributionData Data => new(
        [.. _credits.Where(c => c.Value != default).Select(c => new AttributionCredit(c.Key.Model, c.Key.Channel, c.Key.Campaign, c.Value.Nano, c.Value.Revenue))],
        [.. _paths.Where(p => p.Value != default).Select(p => new JourneyPathCount(p.Key.Split('>'), p.Value.Conversions, p.Value.Nulls))]);

    /// <summary>Credits of one model by (channel, campaign).</summary>
    public Dictionary<(string Channel, string Campaign), (long Nano, long Revenue)> Credits(string model) =>
        _credits.Where(c => c.Key.Model == model && c.Value != default).ToDictionary(c => (c.Key.Channel, c.Key.Campaign), c => c.Value);

    public Dictionary<string, (long Conversions, long Nulls)> Paths => _paths.Where(p => p.Value != default).ToDictionary(p => p.Key, p => p.Value);
}
