using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AdOrleans.Streaming;

/// <summary>
/// The eventIds of one events partition that appeared before the reader's position, for the dedupe window (by record
/// time) and up to a capacity: a record is a client retry when its id is held. The window is loaded with the stored ids
/// of records before the checkpoint the reader starts from, and every record after it is read again in log order, so
/// the first appearance of an id is decided by the log alone: a replay after a crash, or another silo reading the same
/// partition after a rebalance, decides every record the same way. A poll's new ids become one row, written before its
/// records are delivered. Ids are kept as 64-bit hashes (XxHash3 of the id) in an <see cref="EventIdTable"/>, ~11.5
/// bytes per id, and no id string stays alive. The table compares at least 59 bits of two hashes: two different ids of
/// one window agree in them with probability about n² / 2^60 (n = 2 million ids, a partition's share at the defaults:
/// 3.5 in a million), and the later one would then be taken for a retry.
/// </summary>
internal sealed class EventIdWindow(int partition, TimeSpan window, int capacity)
{
    private static readonly TimeSpan ExpiryEvery = TimeSpan.FromMinutes(1);

    private readonly EventIdTable _ids = new(capacity);
    private DateTimeOffset _expiredUpTo = DateTimeOffset.MinValue;

    public int Count => _ids.Count;

    /// <summary>Holds the stored ids first seen before <paramref name="position"/>; the reader reads the rest again.</summary>
    public void Load(IEnumerable<RecentEventId> ids, long position)
    {
        foreach (var id in ids)
        {
            var hash = Hash(id.EventId);
            if (id.Offset < position && !_ids.Contains(hash))
            {
                _ids.Add(hash, Seconds(id.At));
            }
        }
    }

    /// <summary>
    /// False when <paramref name="eventId"/> already appeared. A new id is added to <paramref name="newIds"/> (with
    /// <paramref name="offset"/>, for the next reader's load); an expiry of stored ids, when due, to <paramref name="newRows"/>.
    /// </summary>
    public bool IsFirst(string eventId, long offset, DateTimeOffset at, List<RecentEventId> newIds, List<object> newRows)
    {
        Expire(at, newRows);
        var hash = Hash(eventId);
        if (_ids.Contains(hash))
        {
            return false;
        }

        _ids.Add(hash, Seconds(at));
        newIds.Add(new RecentEventId(partition, eventId, offset, at));
        return true;
    }

    /// <summary>Whole seconds since 1970, rounded down: an id then expires up to a second late, never early.</summary>
    private static uint Seconds(DateTimeOffset at) => (uint)Math.Clamp(at.ToUnixTimeSeconds(), 0, uint.MaxValue);

    private static ulong Hash(string eventId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));

    private void Expire(DateTimeOffset now, List<object> newRows)
    {
        var horizon = now - window;
        var horizonSeconds = Seconds(horizon);
        while (_ids.TryPeekOldestSeconds(out var oldest) && oldest < horizonSeconds)
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
