namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Bounce detection without a session id on events: a <c>session</c> event opens a session for its
/// userId; that user's pageviews count toward it until the next session event or until it idles
/// past <see cref="KpiOptions.SessionTimeout"/>. A session with exactly one pageview is a bounce: the
/// first pageview adds a bounce to the session's bucket, the second takes it back.
/// </summary>
internal sealed class WebSessions(KpiOptions options)
{
    public readonly record struct BounceChange(long SessionStartedAtSeconds, long[] Delta);

    public void OnSession(TrackedEvent e, KpiKeyState state)
    {
        if (e.UserId is not { } user)
        {
            return;
        }

        state.Sessions[user] = new OpenSession { StartedAtSeconds = e.OccurredAt.ToUnixTimeSeconds(), LastSeen = e.OccurredAt };
        if (state.Sessions.Count > options.MaxOpenSessions)
        {
            Evict(state, e.OccurredAt);
        }
    }

    public BounceChange? OnPageview(TrackedEvent e, KpiKeyState state)
    {
        if (e.UserId is not { } user || !state.Sessions.TryGetValue(user, out var session))
        {
            return null;
        }

        if (e.OccurredAt - session.LastSeen > options.SessionTimeout || e.OccurredAt.ToUnixTimeSeconds() < session.StartedAtSeconds)
        {
            return null;
        }

        session.Pageviews++;
        if (e.OccurredAt > session.LastSeen)
        {
            session.LastSeen = e.OccurredAt;
        }

        if (session.Pageviews > 2)
        {
            return null;
        }

        var delta = KpiCounters.New();
        delta[(int)KpiCounter.Bounces] = session.Pageviews == 1 ? 1 : -1;
        return new BounceChange(session.StartedAtSeconds, delta);
    }

    /// <summary>Drops idle sessions; if all are active, the least recently seen ones, down to the cap.</summary>
    private void Evict(KpiKeyState state, DateTimeOffset now)
    {
        foreach (var (user, session) in state.Sessions.Where(s => now - s.Value.LastSeen > options.SessionTimeout).ToList())
        {
            state.Sessions.Remove(user);
        }

        var excess = state.Sessions.Count - options.MaxOpenSessions;
        if (excess > 0)
        {
            foreach (var (user, _) in state.Sessions.OrderBy(s => s.Value.LastSeen).Take(excess).ToList())
            {
                state.Sessions.Remove(user);
            }
        }
    }
}
