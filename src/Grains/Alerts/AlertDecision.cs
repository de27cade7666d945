namespace AdOrleans.Grains.Alerts;

/// <summary>
/// The state machine of one rule, without I/O. A value below the volume guard (or a ratio with no denominator)
/// neither fires nor clears. Hysteresis: an open alert resolves only when the value is back beyond the threshold by
/// <c>margin</c> × |threshold|, or when the condition has not held for a full window.
/// </summary>
public static class AlertDecision
{
    public enum Outcome
    {
        None,
        Fire,
        StillBreaching,
        Resolve,
    }

    public static Outcome Decide(AlertRule rule, double? value, long volume, bool open, DateTimeOffset? lastBreachAt, DateTimeOffset now, double margin)
    {
        var judged = value is not null && volume >= rule.MinVolume;
        var breach = judged && (rule.Comparison == AlertComparisons.Below ? value < rule.Value : value > rule.Value);
        if (!open)
        {
            return breach ? Outcome.Fire : Outcome.None;
        }

        if (breach)
        {
            return Outcome.StillBreaching;
        }

        var band = margin * Math.Abs(rule.Value);
        var clear = judged && (rule.Comparison == AlertComparisons.Below ? value >= rule.Value + band : value <= rule.Value - band);
        return clear || (lastBreachAt is { } last && now - last >= rule.WindowSpan) ? Outcome.Resolve : Outcome.None;
    }
}
