namespace AdOrleans.Grains.Ads;

/// <summary>
/// The campaign's cumulative reported use sampled over time (in memory, about one sample a second), so the grain can
/// tell how much had been used <see cref="LeaseLedger.BillingGrace"/> ago. After an activation the first sample is
/// the stored total, so nothing lapses before a grace has passed in this activation: conservative, never early.
/// </summary>
public sealed class UsageMarks
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);
    private readonly List<(DateTimeOffset At, long Used)> _marks = [];

    public void Record(DateTimeOffset now, long usedMicros)
    {
        if (_marks.Count == 0 || now - _marks[^1].At >= Spacing)
        {
            _marks.Add((now, usedMicros));
        }
    }

    /// <summary>The use of the latest sample at or before <paramref name="cutoff"/>, or null when there is none yet.</summary>
    public long? UsedAtOrBefore(DateTimeOffset cutoff)
    {
        var latest = _marks.FindLastIndex(m => m.At <= cutoff);
        if (latest < 0)
        {
            return null;
        }

        // Later cutoffs are at least as late: older samples are no longer needed.
        _marks.RemoveRange(0, latest);
        return _marks[0].Used;
    }
}
