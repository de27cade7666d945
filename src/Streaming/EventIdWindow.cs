using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AdOrleans.Streaming;

/// <summary>
/// The eventIds of one events partition, each with the offset where it first appeared, for the dedupe window (by
/// record time) and up to a capacity. A record is a client retry when its id first appeared at a lower offset: a
/// function of the log alone, so a replay after a crash, or another silo reading the same partition after a
/// rebalance, decides every record the same way. A poll's new ids become one row, written before its records are delivered.
/// Ids are kept as 64-bit hashes (XxHash3 of the id) in an <see cref="EventIdTable"/>, ~32 bytes per id, and no id
/// string stays alive: two different ids of one window share a hash with probability about n² / 2^65 (n = 10 million
/// ids: 3 in a million), and the later one would then be taken for a retry.
/// </summary>
internal sealed class EventIdWindow(int partition, TimeSpan window, int capacity)
{
    private static readonly TimeSpan ExpiryEvery = TimeSpan.FromMinutes(1);

    private readonly EventIdTable _ids = new(capacity);
    private DateTimeOffset _expiredUpTo = DateTimeOffset.MinValue;

    public int Count => _ids.Count;

    public void Load(IEnumerable<RecentEventId> ids)
    {
        foreach (var id in ids)
        {
            var hash = Hash(id.EventId);
            if (!_ids.TryGetOffset(hash, out _))
            {
                _ids.Add(hash, id.Offset, id.At.UtcTicks);
            }
            else
            {
                // Stored twice (a receiver that was being replaced wrote it too): the first offset wins whatever the load order.
                _ids.LowerOffset(hash, id.Offset);
            }
        }
    }

    /// <summary>
    /// False when <paramref name="eventId"/> already appeared at a lower offset within the window. A new id is added to
    /// <paramref name="newIds"/>; an expiry of stored ids, when due, to <paramref name="newRows"/>.
    /// </summary>
    public bool IsFirst(string eventId, long offset, DateTimeOffset at, List<RecentEventId> newIds, List<object> newRows)
    {
        Expire(at, newRows);
        var hash = Hash(eventId);
        if (_ids.TryGetOffset(hash, out var first))
        {
            return offset <= first;
        }

        _ids.Add(hash, offset, at.UtcTicks);
        newIds.Add(new RecentEventId(partition, eventId, offset, at));
        return true;
    }

    private static ulong Hash(string eventId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));

    private void Expire(DateTimeOffset now, List<object> newRows)
    {
        var horizon = now - window;
        while (_ids.TryPeekOldestTicks(out var oldest) && oldest < horizon.UtcTicks)
        {
            _ids.RemoveOldest();
        }

        if (horizon - _expiredUpTo > ExpiryEvery)
        {
            _expiredUpTo = horizon;
            newRows.Add(new EventIdExpiry(partition, horizon));
        }
    }
}
