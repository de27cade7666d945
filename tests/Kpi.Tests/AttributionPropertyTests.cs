using AdOrleans.Gateway.Attribution;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using FsCheck;
using FsCheck.Fluent;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

public sealed class AttributionPropertyTests
{
    private static readonly string[] Channels = ["display", "search", "social", "email", "video", "web"];
    private static readonly string[] Types = ["impression", "click", "pageview", "like", "email_open", "conversion", "purchase"];
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Few users so journeys are long; hours over 90 days so lookbacks expire and caps are hit; some ids repeat.</summary>
    private static readonly Gen<List<TrackedEvent>> Journeys =
        from shapes in (
            from type in Gen.Elements(Types)
            from channel in Gen.Elements(Channels)
            from campaign in Gen.Choose(0, 3)
            from user in Gen.Choose(0, 4)
            from hour in Gen.Choose(0, 90 * 24)
            from value in Gen.Choose(0, 1_000_000)
            select (type, channel, campaign, user, hour, value)).ListOf()
        from resends in Gen.Choose(0, 1_000).ListOf()
        let unique = shapes.Select((s, id) => Plain($"e{id}", s.type, Start.AddHours(s.hour), s.campaign == 0 ? null : $"c-{s.campaign}", s.channel, $"u{s.user}", s.value)).ToList()
        select unique.Count == 0 ? unique : [.. unique, .. resends.Select(r => unique[r % unique.Count])];

    [Fact]
    public void EveryModelCreditsExactlyTheConversionsAndTheirRevenue()
    {
        Prop.ForAll(Journeys.ToArbitrary(), events =>
        {
            var ledger = new AttributionLedger(new AttributionOptions { MaxTouchpoints = 5, MaxConversions = 2 }).Apply(events);
            var conversions = events.DistinctBy(e => e.EventId).Where(e => EventTypes.Money.Contains(e.Type)).ToList();
            var data = ledger.Data;
            foreach (var model in AttributionModels.All)
            {
                var report = AttributionReports.Build(model, Start, Start, data);
                Assert.Equal(conversions.Count, report.Conversions);
                Assert.Equal(report.Conversions, report.Channels.Sum(c => c.Conversions));
                Assert.Equal(report.RevenueMicros, report.Channels.Sum(c => c.RevenueMicros));
                Assert.Equal(conversions.Sum(c => c.ValueMicros), report.RevenueMicros);
                Assert.All(report.Channels, c => Assert.True(c.Conversions >= 0 && c.RevenueMicros >= 0, $"{model}: {c}"));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DeliveryOrderWithinTheLookbackDoesNotChangeAnyCredit()
    {
        var shuffled =
            from events in Journeys
            from keys in Gen.Choose(0, 10_000).ArrayOf(events.Count)
            select (events, keys);
        Prop.ForAll(shuffled.ToArbitrary(), input =>
        {
            // Within one week and under the caps nothing becomes final, so the result is a function of the set of events.
            var events = input.events.Select(e => e with { OccurredAt = Start.AddMinutes((e.OccurredAt - Start).TotalHours) }).ToList();
            var options = new AttributionOptions { MaxTouchpoints = 1000, MaxConversions = 1000 };
            var inOrder = new AttributionLedger(options).Apply(events.OrderBy(e => e.OccurredAt));
            var shuffledLedger = new AttributionLedger(options).Apply(events.Select((e, i) => (e, input.keys[i])).OrderBy(x => x.Item2).Select(x => x.e));
            foreach (var model in AttributionModels.RuleBased)
            {
                Assert.Equal(inOrder.Credits(model), shuffledLedger.Credits(model));
            }

            Assert.Equal(inOrder.Paths, shuffledLedger.Paths);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Journeys_that_forget_their_cached_contributions_between_events_emit_the_same_credits_and_paths()
    {
        Prop.ForAll(Journeys.ToArbitrary(), events =>
        {
            var options = new AttributionOptions { MaxTouchpoints = 5, MaxConversions = 2 };
            var cached = new AttributionLedger(options).Apply(events);
            var recomputed = new AttributionLedger(options, forgetContributions: true).Apply(events);
            foreach (var model in AttributionModels.RuleBased)
            {
                Assert.Equal(cached.Credits(model), recomputed.Credits(model));
            }

            Assert.Equal(cached.Paths, recomputed.Paths);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Rows_emitted_event_by_event_add_up_to_the_contributions_of_the_journeys_items_hour_by_hour_in_any_delivery_order()
    {
        Prop.ForAll(Journeys.ToArbitrary(), events =>
        {
            // Within a week and under the caps nothing becomes final; touchpoints after a journey's last conversion
            // take the open-path shortcut (OpenTouch), conversions and touchpoints before one recompute.
            var options = new AttributionOptions { MaxTouchpoints = 1000, MaxConversions = 1000 };
            var journeys = new Dictionary<string, JourneyState>();
            var emitted = new AttributionDeltaSum();
            foreach (var e in events.Select(e => e with { OccurredAt = Start.AddMinutes((e.OccurredAt - Start).TotalHours) }))
            {
                var journey = journeys.TryGetValue(e.UserId!, out var known) ? known : journeys[e.UserId!] = new JourneyState();
                JourneyTimeline.Apply(journey, e, options);
                if (journey.TakeDelta() is { } delta)
                {
                    emitted.Add(delta);
                }

                var recomputed = JourneyContributions.Of(journey.Items, options);
                Assert.Null(journey.Contributions?.Minus(recomputed));
            }

            var expected = new JourneyContributions();
            foreach (var journey in journeys.Values)
            {
                expected.Add(JourneyContributions.Of(journey.Items, options));
            }

            var sum = emitted.Take();
            Assert.Equivalent(expected.Minus(new JourneyContributions()), sum, strict: true);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Journeys_of_touches_only_keep_their_newest_touches_at_the_cap_and_emit_rows_that_add_up_to_them()
    {
        var touchesOnly =
            from events in Journeys
            from cap in Gen.Choose(1, 4)
            select (events: events.Where(e => !EventTypes.Money.Contains(e.Type)).DistinctBy(e => e.EventId).ToList(), cap);
        Prop.ForAll(touchesOnly.ToArbitrary(), input =>
        {
            // Within a week nothing leaves the lookback, so a journey is its newest touches, however they were delivered.
            var options = new AttributionOptions { MaxTouchpoints = input.cap, MaxConversions = 2 };
            var journeys = new Dictionary<string, JourneyState>();
            var emitted = new AttributionDeltaSum();
            var events = input.events.Select(e => e with { OccurredAt = Start.AddMinutes((e.OccurredAt - Start).TotalHours) }).ToList();
            foreach (var e in events)
            {
                var journey = journeys.TryGetValue(e.UserId!, out var known) ? known : journeys[e.UserId!] = new JourneyState();
                JourneyTimeline.Apply(journey, e, options);
                if (journey.TakeDelta() is { } delta)
                {
                    emitted.Add(delta);
                }

                Assert.Null(journey.Contributions?.Minus(JourneyContributions.Of(journey.Items, options)));
            }

            var expected = new JourneyContributions();
            foreach (var (user, journey) in journeys)
            {
                var newest = events.Where(e => e.UserId == user).OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal).TakeLast(input.cap);
                Assert.Equal(newest.Select(e => e.EventId), journey.Items.Select(i => i.EventId));
                expected.Add(JourneyContributions.Of(journey.Items, options));
            }

            Assert.Equivalent(expected.Minus(new JourneyContributions()), emitted.Take(), strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
