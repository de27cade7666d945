namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Which journeys of a shard keep their computed contributions: at most a fixed number, first cached first dropped.
/// A journey's contributions are two dictionaries of a few hundred bytes, more than its items, and only a user's next
/// event needs them; with a million mostly idle users they were a third of the heap (docs/memory.md). A dropped
/// journey computes them again from its items on its next event, the same work as after a restart.
/// </summary>
public sealed class ContributionCache(int capacity)
{
    private readonly Queue<JourneyState> _order = new();
    private readonly HashSet<JourneyState> _cached = new(ReferenceEqualityComparer.Instance);

    /// <summary>Notes that <paramref name="journey"/> now holds its contributions, dropping those of the longest cached beyond the capacity.</summary>
    public void Cached(JourneyState journey)
    {
        if (_cached.Add(journey))
        {
            _order.Enqueue(journey);
        }

        while (_cached.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _cached.Remove(oldest);
            oldest.Contributions = null;
        }
    }
}
