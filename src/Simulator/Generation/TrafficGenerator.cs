namespace AdOrleans.Simulator.Generation;

/// <summary>
/// Turns "N events due in this simulated interval" into concrete activities: web sessions, social posts with their
/// engagement, email sends with opens and clicks, purchases, and ad opportunities. One seeded Random drives it,
/// so the same seed gives the same sequence.
/// </summary>
public sealed class TrafficGenerator
{
    private readonly Random _random;

    /// <summary>Draws of the caused purchases only, so adding them left every other draw of a seed as it was.</summary>
    private readonly Random _causes;

    /// <summary>Draws of the social texts only (<see cref="SocialTexts"/>).</summary>
    private readonly Random _texts;
    private readonly string _runId;
    private readonly UserPool _users;
    private readonly IReadOnlyList<string> _slots;
    private readonly double[] _weights;
    /// <summary>Chance that a touch causes a purchase: per email click, per web session (after its last page), per social engagement.</summary>
    public static readonly IReadOnlyDictionary<string, double> CausalRates = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["email"] = 0.3, ["web"] = 0.04, ["social"] = 0.01,
    };

    private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
    private long _sequence;

    public TrafficGenerator(int seed, string runId, UserPool users, IReadOnlyList<string> slots, double adShare)
    {
        _random = new Random(seed);
        _causes = new Random(unchecked(seed * 31 + 7));
        _texts = new Random(unchecked(seed * 131 + 17));
        _runId = runId;
        _users = users;
        _slots = slots;
        var rest = 1 - (slots.Count == 0 ? 0 : adShare);
        _weights = [rest * 0.5, rest * 0.2, rest * 0.2, rest * 0.1, 1 - rest];
    }

    /// <summary>Appends activities until at least <paramref name="events"/> events (an ad opportunity counts one) are made; returns how many.</summary>
    public int Generate(int events, DateTimeOffset simFrom, DateTimeOffset simTo, List<SimEvent> output, List<AdOpportunity> ads)
    {
        var made = 0;
        var span = simTo - simFrom;
        while (made < events)
        {
            var at = simFrom + span * _random.NextDouble();
            var user = _users.Next(_random);
            var before = output.Count;
            switch (Choose())
            {
                case 0: WebSession(user, at, simTo, output); break;
                case 1: SocialPost(user, at, simTo, output); break;
                case 2: Email(user, at, simTo, output); break;
                case 3: Purchase(user, at, output); break;
                default:
                    ads.Add(new AdOpportunity(user, _slots[_random.Next(_slots.Count)], at, (ulong)_random.NextInt64(), ++_sequence));
                    made++;
                    break;
            }

            made += output.Count - before;
        }

        return made;
    }

    private int Choose()
    {
        var x = _random.NextDouble();
        for (var i = 0; i < _weights.Length; i++)
        {
            x -= _weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return _weights.Length - 1;
    }

    /// <summary>A session and its pageviews; 40% bounce (one pageview), the rest read on with a geometric tail.</summary>
    private void WebSession(SimUser user, DateTimeOffset at, DateTimeOffset end, List<SimEvent> output)
    {
        output.Add(Event("session", "web", user, at));
        var pages = _random.NextDouble() < 0.4 ? 1 : 2 + Math.Min(28, Distributions.Geometric(_random, 0.35));
        var time = at;
        for (var i = 0; i < pages; i++)
        {
            output.Add(Event("pageview", "web", user, Clamp(time, end)));
            time += TimeSpan.FromSeconds(Distributions.Exponential(_random, 40));
        }

        MaybeCausePurchase(user, "web", Clamp(time, end), end, output);
    }

    /// <summary>A post and its engagement: likes are Pareto-distributed (most posts get a few, some go viral), by active users.</summary>
    private void SocialPost(SimUser author, DateTimeOffset at, DateTimeOffset end, List<SimEvent> output)
    {
        output.Add(Event("post", "social", author, at) with { Text = SocialTexts.Next(_texts) });
        var likes = Math.Min(200, (int)Distributions.Pareto(_random, 1, 1.3) - 1);
        for (var i = 0; i < likes; i++)
        {
            var type = _random.NextDouble() switch { < 0.75 => "like", < 0.92 => "comment", _ => "share" };
            var when = at + TimeSpan.FromSeconds(Distributions.Exponential(_random, 600));
            var engaged = _users.Next(_random);
            output.Add(Event(type, "social", engaged, Clamp(when, end)) with { Text = type == "comment" ? SocialTexts.Next(_texts) : null });
            MaybeCausePurchase(engaged, "social", Clamp(when, end), end, output);
        }
    }

    /// <summary>A send; a quarter are opened (after a delay), and 15% of opens are clicked.</summary>
    private void Email(SimUser user, DateTimeOffset at, DateTimeOffset end, List<SimEvent> output)
    {
        output.Add(Event("email_sent", "email", user, at));
        if (_random.NextDouble() >= 0.25)
        {
            return;
        }

        var opened = Clamp(at + TimeSpan.FromSeconds(Distributions.Exponential(_random, 1800)), end);
        output.Add(Event("email_open", "email", user, opened));
        if (_random.NextDouble() < 0.15)
        {
            var clicked = Clamp(opened + TimeSpan.FromSeconds(Distributions.Exponential(_random, 30)), end);
            output.Add(Event("email_click", "email", user, clicked));
            MaybeCausePurchase(user, "email", clicked, end, output);
        }
    }

    /// <summary>
    /// With the channel's <see cref="CausalRates"/>, a purchase caused by that touch (after a delay, mean 20 minutes):
    /// the ground truth of attribution (<see cref="SimEvent.CausedBy"/>). The other purchases have no cause.
    /// </summary>
    private void MaybeCausePurchase(SimUser user, string channel, DateTimeOffset at, DateTimeOffset end, List<SimEvent> output)
    {
        if (_causes.NextDouble() < CausalRates[channel])
        {
            Purchase(user, Clamp(at + TimeSpan.FromSeconds(Distributions.Exponential(_causes, 1200)), end), output, _causes, channel);
        }
    }

    /// <summary>A purchase, log-normal value (median 45.00); first-time buyers are "new", the rest "returning".</summary>
    private void Purchase(SimUser user, DateTimeOffset at, List<SimEvent> output, Random? random = null, string? causedBy = null)
    {
        var value = (long)Math.Round(Distributions.LogNormal(random ?? _random, 45, 0.8) * 100) * 10_000;
        var returning = user.ExistingCustomer || !_customers.Add(user.Id);
        output.Add(new SimEvent
        {
            EventId = NextId(), Type = "purchase", Channel = "web", UserId = user.Id, ValueMicros = value, OccurredAt = at,
            Customer = returning ? "returning" : "new", CausedBy = causedBy,
        });
    }

    private SimEvent Event(string type, string channel, SimUser user, DateTimeOffset at) =>
        new() { EventId = NextId(), Type = type, Channel = channel, UserId = user.Id, OccurredAt = at };

    private string NextId() => $"{_runId}-{++_sequence:x}";

    private static DateTimeOffset Clamp(DateTimeOffset time, DateTimeOffset end) => time > end ? end : time;
}
