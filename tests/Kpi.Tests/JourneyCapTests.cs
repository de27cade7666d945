using AdOrleans.Grains.Attribution;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

public sealed class JourneyCapTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_journey_keeps_its_last_MaxConversions_converted_journeys_open_and_finalizes_only_the_older_ones()
    {
        var options = new AttributionOptions { MaxConversions = 2 };
        var journey = new JourneyState();
        string[] order = ["t1", "c1", "t2", "c2", "t3", "c3", "t4", "c4"];
        for (var i = 0; i < order.Length; i++)
        {
            var type = order[i].StartsWith('c') ? "conversion" : "click";
            JourneyTimeline.Apply(journey, Plain(order[i], type, Start.AddMinutes(i), user: "u1", value: 1_000), options);
        }

        Assert.Equal(["t3", "c3", "t4", "c4"], journey.Items.Select(i => i.EventId));
    }

    [Fact]
    public void A_late_touchpoint_of_a_journey_still_open_restates_that_conversions_credit()
    {
        var options = new AttributionOptions { MaxConversions = 2 };
        var journey = new JourneyState();
        string[] order = ["t1", "c1", "t2", "c2", "t3", "c3"];
        for (var i = 0; i < order.Length; i++)
        {
            var type = order[i].StartsWith('c') ? "conversion" : "click";
            JourneyTimeline.Apply(journey, Plain(order[i], type, Start.AddMinutes(10 * i), user: "u1", value: 1_000), options);
        }

        journey.TakeDelta();
        JourneyTimeline.Apply(journey, Plain("late", "click", Start.AddMinutes(25), channel: "email", user: "u1"), options);

        var delta = journey.TakeDelta();
        Assert.NotNull(delta);
        Assert.Contains(delta.Credits, c => c.Channel == "email" && c.NanoConversions > 0);
    }
}
