namespace AdOrleans.Streaming;

/// <summary>
/// The eventIds of one events partition, each with the offset where it first appeared, for the dedupe window (by
/// record time) and up to a capacity. A record is a client retry when its id first appeared at a lower offset: a
/// function of the log alone, so a replay after a crash, or another silo reading the same partition after a
/// rebalance, decides every record the same way. A poll's new ids become one row, written before its records are delivered.
/// </summary>
internal sealed class EventIdWindow(int partition, TimeSpan window, int capacity)
{
    private static readonly TimeSpan ExpiryEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, long> _first = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();
    private DateTimeOffset _expiredUpTo = DateTimeOffset.MinValue;

    public int Count => _first.Count;

    public void Load(IEnumerable<RecentEventId> ids)
    {
        foreach (var id in ids)
        {
            if (_first.TryAdd(id.EventId, id.Offset))
            {
                _order.Enqueue((id.EventId, id.At));
            }
        }

        Trim();
    }

    /// <summary>
    /// False when <paramref name="eventId"/> already appeared at a lower offset within the window. A new id is added to
    /// <paramref name="newIds"/>; an expiry of stored ids, when due, to <paramref name="newRows"/>.
    /// </summary>
    public bool IsFirst(string eventId, long offset, DateTimeOffset at, List<RecentEventId> newIds, List<object> newRows)
    {
        Expire(at, newRows);
        if (_first.TryGetValue(eventId, out var first))
        {
            return offset <= first;
        }

        _first[eventId] = offset;
        _order.Enqueue((eventId, at));
        newIds.Add(new RecentEventId(partition, eventId, offset, at));
        Trim();
        return true;
    }

    private void Expire(DateTimeOffset now, List<object> newRows)
    {
        var horizon = now - window;
        while (_order.TryPeek(out var oldest) && oldest.At < horizon)
        {
            _first.Remove(_order.Dequeue().Id);
        }

        if (horizon - _expiredUpTo > ExpiryEvery)
        {
            _expiredUpTo = horizon;
            newRows.Add(new EventIdExpiry(partition, horizon));
        }
    }

    private void Trim()
    {
        while (_first.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _first.Remove(oldest.Id);
        }
    }
}
