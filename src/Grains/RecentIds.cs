namespace AdOrleans.Grains;

/// <summary>
/// Remembers ids seen recently, in bounded memory: two generations of sets, the older dropped when the
/// newer fills up or ages past half the window. An id is recognised for at least <c>window / 2</c>
/// and <c>capacity / 2</c> newer ids. Held in memory only: replay after a crash starts from the
/// committed state, so replayed events are never mistaken for duplicates.
/// </summary>
public sealed class RecentIds(TimeSpan window, int capacity)
{
    private HashSet<string> _current = new(StringComparer.Ordinal);
    private HashSet<string> _previous = new(StringComparer.Ordinal);
    private DateTimeOffset _generationStarted = DateTimeOffset.MinValue;

    public int Count => _current.Count + _previous.Count;

    /// <summary>True the first time an id is seen within the window; false for a duplicate.</summary>
    public bool TryAdd(string id, DateTimeOffset now)
    {
        if (_current.Contains(id) || _previous.Contains(id))
        {
            return false;
        }

        if (_current.Count >= capacity / 2 || now - _generationStarted > window / 2)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
            _generationStarted = now;
        }

        _current.Add(id);
        return true;
    }
}
