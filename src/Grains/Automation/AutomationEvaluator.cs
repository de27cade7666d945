namespace AdOrleans.Grains.Automation;

/// <summary>
/// The pure rules of automation (no clock, no I/O): what one event of a user does to the user's state, and which
/// inactivity waits are due. A rule fires for a user at most once per window (<see cref="AutomationRule.WindowOf"/>,
/// of the triggering event's time, or of a wait's due time); the window it fired in is kept, so another event in the
/// same window, or in an earlier one (a late event), never fires it again.
/// </summary>
public static class AutomationEvaluator
{
    /// <summary>Rule-named segments remembered per user; the least recently named go first.</summary>
    public const int MaxSegmentsPerUser = 64;

    /// <summary>Fired windows are kept this long after the window began: events older than 30 days are refused at the gateway.</summary>
    public static readonly TimeSpan FiredMemory = TimeSpan.FromDays(31);

    public static void Apply(AutomationUser user, string userId, TrackedEvent e, AutomationRuleSet rules, DateTimeOffset now, List<AutomationFiring> fired)
    {
        Remember(user, e, rules);
        foreach (var rule in rules.Rules)
        {
            // What a rule emitted never triggers that same rule (no loop of a rule feeding itself).
            if (e.EventId.StartsWith(EmittedPrefix(rule.Id), StringComparison.Ordinal) || !InSegment(user, rule, rules, now))
            {
                continue;
            }

            if (rule.Trigger.Event == e.Type)
            {
                TryFire(user, userId, rule, e.OccurredAt, AutomationReasons.Event, e.EventId, now, fired);
            }
            else if (rule.Trigger.NotDoneEvent == e.Type)
            {
                user.Waits.Remove(rule.Id);
            }
            else if (rule.Trigger.IsInactivity && !user.Waits.ContainsKey(rule.Id))
            {
                user.Waits[rule.Id] = new AutomationWait(e.OccurredAt + rule.Trigger.Inactivity, e.EventId);
            }
        }

        Forget(user, rules, now);
    }

    /// <summary>Fires the user's waits that are due (and whose rule still exists); they close either way.</summary>
    public static void Due(AutomationUser user, string userId, AutomationRuleSet rules, DateTimeOffset now, List<AutomationFiring> fired)
    {
        foreach (var (ruleId, wait) in user.Waits.Where(w => w.Value.Due <= now).ToList())
        {
            user.Waits.Remove(ruleId);
            if (rules.Find(ruleId) is { } rule)
            {
                TryFire(user, userId, rule, wait.Due, AutomationReasons.NotDone, wait.EventId, now, fired);
            }
        }

        Forget(user, rules, now);
    }

    /// <summary>The eventId prefix of what a rule emits: <c>auto:&lt;ruleId&gt;:</c> and the rest of the firing id.</summary>
    public static string EmittedPrefix(string ruleId) => $"auto:{ruleId}:";

    private static void TryFire(AutomationUser user, string userId, AutomationRule rule, DateTimeOffset at, string reason, string eventId, DateTimeOffset now, List<AutomationFiring> fired)
    {
        var window = rule.WindowOf(at);
        if (user.Fired.TryGetValue(rule.Id, out var last) && last >= window)
        {
            return;
        }

        user.Fired[rule.Id] = window;
        fired.Add(new AutomationFiring
        {
            Id = AutomationFiring.IdOf(rule.Id, userId, window), RuleId = rule.Id, UserId = userId, Window = window,
            Reason = reason, EventId = eventId, FiredAt = now,
        });
    }

    /// <summary>
    /// In the rule's segment: no segment; or an event of the user named it; or the segment's "clicked in channel X
    /// within N days" rule holds on the user's clicks. Geo and device rules are not in events, so they never match here.
    /// </summary>
    private static bool InSegment(AutomationUser user, AutomationRule rule, AutomationRuleSet rules, DateTimeOffset now) =>
        rule.SegmentId is not { } segment
        || user.Segments.ContainsKey(segment)
        || (rules.Segments.GetValueOrDefault(segment)?.Rules.Clicked is { } clicked
            && user.Clicks.TryGetValue(clicked.Channel, out var at) && at >= now.AddDays(-clicked.WithinDays));

    private static void Remember(AutomationUser user, TrackedEvent e, AutomationRuleSet rules)
    {
        if (e.OccurredAt > user.LastSeen)
        {
            user.LastSeen = e.OccurredAt;
        }

        foreach (var segment in e.Segments ?? [])
        {
            if (rules.SegmentIds.Contains(segment) && (!user.Segments.TryGetValue(segment, out var seen) || seen < e.OccurredAt))
            {
                user.Segments[segment] = e.OccurredAt;
            }
        }

        if (e.Type == EventTypes.Click && rules.ClickChannels.Contains(e.Channel) && (!user.Clicks.TryGetValue(e.Channel, out var last) || last < e.OccurredAt))
        {
            user.Clicks[e.Channel] = e.OccurredAt;
        }
    }

    /// <summary>Drops what no rule needs any more: deleted rules' waits and windows, old windows, unnamed segments, the oldest memberships beyond the cap.</summary>
    private static void Forget(AutomationUser user, AutomationRuleSet rules, DateTimeOffset now)
    {
        foreach (var ruleId in user.Waits.Keys.Where(r => rules.Find(r) is null).ToList())
        {
            user.Waits.Remove(ruleId);
        }

        foreach (var (ruleId, window) in user.Fired.ToList())
        {
            if (rules.Find(ruleId) is not { } rule || window < rule.WindowOf(now - FiredMemory))
            {
                user.Fired.Remove(ruleId);
            }
        }

        foreach (var segment in user.Segments.Keys.Where(s => !rules.SegmentIds.Contains(s)).ToList())
        {
            user.Segments.Remove(segment);
        }

        foreach (var segment in user.Segments.OrderBy(s => s.Value).Take(user.Segments.Count - MaxSegmentsPerUser).Select(s => s.Key).ToList())
        {
            user.Segments.Remove(segment);
        }

        foreach (var channel in user.Clicks.Keys.Where(c => !rules.ClickChannels.Contains(c)).ToList())
        {
            user.Clicks.Remove(channel);
        }
    }
}
