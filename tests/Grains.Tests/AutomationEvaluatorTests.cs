using AdOrleans.Grains.Automation;

namespace AdOrleans.Grains.Tests;

/// <summary>The pure automation rules: segments, once per window, inactivity waits, no self-triggering.</summary>
public sealed class AutomationEvaluatorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly AutomationRule OnPurchase = new()
    {
        Id = "vip-buys", Name = "VIP bought", SegmentId = "vip", Trigger = new AutomationTrigger { Event = "purchase" },
        Action = new AutomationAction { EmitEvent = new AutomationEmit { Type = "email_sent", Channel = "email" } }, WindowHours = 24,
    };

    private static readonly AutomationRule Idle = new()
    {
        Id = "idle", Name = "No purchase for 2 days", Trigger = new AutomationTrigger { NotDoneEvent = "purchase", Days = 2 },
        Action = new AutomationAction { EmitEvent = new AutomationEmit { Type = "email_sent", Channel = "email" } }, WindowHours = 24,
    };

    private static readonly AutomationRuleSet Rules = new([OnPurchase, Idle], new Dictionary<string, SegmentConfig?>
    {
        ["vip"] = new SegmentConfig { Id = "vip", Name = "VIP" },
    });

    [Fact]
    public void A_trigger_event_of_a_user_the_segment_named_fires_once_per_window()
    {
        var user = new AutomationUser();
        var fired = new List<AutomationFiring>();

        AutomationEvaluator.Apply(user, "u-1", Event("e-1", "pageview", At, segments: ["vip"]), Rules, At, fired);
        AutomationEvaluator.Apply(user, "u-1", Event("e-2", "purchase", At.AddHours(1)), Rules, At, fired);
        AutomationEvaluator.Apply(user, "u-1", Event("e-3", "purchase", At.AddHours(2)), Rules, At, fired);
        AutomationEvaluator.Apply(user, "u-1", Event("e-4", "purchase", At.AddDays(1)), Rules, At, fired);

        Assert.Equal(["e-2", "e-4"], fired.Where(f => f.RuleId == "vip-buys").Select(f => f.EventId));
        Assert.Equal(AutomationFiring.IdOf("vip-buys", "u-1", OnPurchase.WindowOf(At.AddHours(1))), fired[0].Id);
    }

    [Fact]
    public void A_user_no_event_put_in_the_segment_does_not_fire_a_segment_rule()
    {
        var fired = new List<AutomationFiring>();

        AutomationEvaluator.Apply(new AutomationUser(), "u-out", Event("e-1", "purchase", At, segments: ["sports"]), Rules, At, fired);

        Assert.DoesNotContain(fired, f => f.RuleId == "vip-buys");
    }

    [Fact]
    public void An_inactivity_wait_fires_once_when_due_and_not_for_a_user_who_did_the_event()
    {
        var (idle, buyer) = (new AutomationUser(), new AutomationUser());
        var fired = new List<AutomationFiring>();
        AutomationEvaluator.Apply(idle, "u-idle", Event("i-1", "pageview", At), Rules, At, fired);
        AutomationEvaluator.Apply(buyer, "u-buyer", Event("b-1", "pageview", At), Rules, At, fired);
        AutomationEvaluator.Apply(buyer, "u-buyer", Event("b-2", "purchase", At.AddDays(1)), Rules, At, fired);

        AutomationEvaluator.Due(idle, "u-idle", Rules, At.AddDays(1), fired);
        Assert.Empty(fired);

        AutomationEvaluator.Due(idle, "u-idle", Rules, At.AddDays(2), fired);
        AutomationEvaluator.Due(buyer, "u-buyer", Rules, At.AddDays(2), fired);
        AutomationEvaluator.Due(idle, "u-idle", Rules, At.AddDays(3), fired);

        var firing = Assert.Single(fired);
        Assert.Equal(("idle", "u-idle", AutomationReasons.NotDone, "i-1"), (firing.RuleId, firing.UserId, firing.Reason, firing.EventId));
        Assert.Empty(idle.Waits);
    }

    [Fact]
    public void An_event_a_rule_emitted_neither_triggers_nor_re_arms_that_rule()
    {
        var user = new AutomationUser();
        var fired = new List<AutomationFiring>();
        var emitted = AutomationActions.Emitted(new AutomationFiring
        {
            Id = AutomationFiring.IdOf("idle", "u-1", 7), RuleId = "idle", UserId = "u-1", Window = 7, Reason = AutomationReasons.NotDone, FiredAt = At,
        }, new AutomationEmit { Type = "email_sent", Channel = "email" });

        AutomationEvaluator.Apply(user, "u-1", emitted, Rules, At, fired);

        Assert.Empty(user.Waits);
        Assert.Empty(fired);
    }

    private static TrackedEvent Event(string id, string type, DateTimeOffset at, IReadOnlyList<string>? segments = null) => new()
    {
        EventId = id, Type = type, Channel = "web", UserId = "u", Segments = segments, OccurredAt = at, ReceivedAt = at,
    };
}
