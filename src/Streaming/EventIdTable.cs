using System.Numerics;

namespace AdOrleans.Streaming;

/// <summary>
/// The ids of an <see cref="EventIdWindow"/> in arrival order in flat arrays: a ring of their hashes (8 bytes) and an
/// open-addressing index into it (linear probing, at most two thirds full: 6 bytes per id); their record times are
/// steps in <see cref="ArrivalSeconds"/>, a few kilobytes whatever the count. About 14 bytes per id, against ~73 for a
/// Dictionary plus a Queue of tuples (measured: 204 MB for 2.8 million ids) and 18 with a time per id. An index entry
/// holds the ring position in its low bits and, in the bits the capacity leaves free, a tag of the id's hash: a probe
/// past another id's entry rarely has to read the ring, so the fuller index costs little on lookups of new ids, the
/// common case. (Measured against the half-full power-of-two index it replaced, 8.4 bytes per id: ~50 ns more per
/// event for 12 % less memory at capacity; three quarters full cost ~90 ns for 15 %.) Ids leave only from the oldest
/// end, by expiry or when the ring is at capacity; the arrays grow by doubling up to the capacity, so an idle
/// partition holds little.
/// </summary>
internal sealed class EventIdTable
{
    private const int InitialLength = 1024;

    private readonly int _capacity;
    private readonly int _positionBits;
    private readonly uint _positionMask;
    private readonly ArrivalSeconds _arrivals = new();
    private ulong[] _hashes = [];
    private uint[] _index = [];
    private int _head;

    // Ids ever added: the oldest one held is number _added - Count in ArrivalSeconds.
    private long _added;

    public EventIdTable(int capacity)
    {
        _capacity = capacity;
        // Entries store position + 1, so 0 means empty; a positive int capacity needs at most 31 bits, leaving a tag bit.
        _positionBits = 32 - BitOperations.LeadingZeroCount((uint)capacity);
        _positionMask = (1u << _positionBits) - 1;
    }

    public int Count { get; private set; }

    public bool Contains(ulong hash) => Find(hash, out _) >= 0;

    /// <summary>Adds an id not held yet as the newest; at capacity the oldest leaves first.</summary>
    public void Add(ulong hash, uint seconds)
    {
        if (Count == _hashes.Length)
        {
            if (_hashes.Length < _capacity)
            {
                Grow(Math.Min(Math.Max(InitialLength, _hashes.Length * 2), _capacity));
            }
            else
            {
                RemoveOldest();
            }
        }

        var position = (_head + Count) % _hashes.Length;
        _hashes[position] = hash;
        _arrivals.Added(seconds);
        _added++;
        Count++;
        Insert(hash, position);
    }

    /// <summary>The record time of the oldest id held, or a later one when times arrived out of order (<see cref="ArrivalSeconds"/>).</summary>
    public bool TryPeekOldestSeconds(out uint seconds)
    {
        seconds = Count > 0 ? _arrivals.SecondsOf(_added - Count) : 0;
        return Count > 0;
    }

    public void RemoveOldest()
    {
        Find(_hashes[_head], out var slot, _head);
        RemoveSlot(slot);
        _head = (_head + 1) % _hashes.Length;
        Count--;
        _arrivals.DropBefore(_added - Count);
    }

    /// <summary>The ring position of <paramref name="hash"/> (or of ring position <paramref name="at"/> when given), -1 when not held.</summary>
    private int Find(ulong hash, out int slot, int at = -1)
    {
        if (Count == 0)
        {
            slot = -1;
            return -1;
        }

        var tag = Tag(hash);
        slot = Home(hash);
        while (_index[slot] is var entry && entry != 0)
        {
            var position = (int)(entry & _positionMask) - 1;
            if ((entry & ~_positionMask) == tag && (at >= 0 ? position == at : _hashes[position] == hash))
            {
                return position;
            }

            slot = Next(slot);
        }

        return -1;
    }

    private void Insert(ulong hash, int position)
    {
        var slot = Home(hash);
        while (_index[slot] != 0)
        {
            slot = Next(slot);
        }

        _index[slot] = Tag(hash) | (uint)(position + 1);
    }

    /// <summary>Backward-shift deletion: later entries of the probe run move up, so lookups never meet a hole early.</summary>
    private void RemoveSlot(int hole)
    {
        var next = Next(hole);
        while (_index[next] is var entry && entry != 0)
        {
            var home = Home(_hashes[(int)(entry & _positionMask) - 1]);
            // The entry may fill the hole when its home is not cyclically within (hole, next].
            if (Distance(home, next) >= Distance(hole, next))
            {
                _index[hole] = entry;
                hole = next;
            }

            next = Next(next);
        }

        _index[hole] = 0;
    }

    /// <summary>The hash's high bits pick the home slot (multiply-shift onto any length); its low bits give the tag.</summary>
    private int Home(ulong hash) => (int)Math.BigMul(hash, (ulong)_index.Length, out _);

    private uint Tag(ulong hash) => (uint)hash << _positionBits;

    private int Next(int slot) => slot + 1 == _index.Length ? 0 : slot + 1;

    /// <summary>Steps forward from <paramref name="from"/> to <paramref name="to"/>, around the end of the index.</summary>
    private int Distance(int from, int to) => to >= from ? to - from : to + _index.Length - from;

    private void Grow(int length)
    {
        var hashes = new ulong[length];
        for (var i = 0; i < Count; i++)
        {
            hashes[i] = _hashes[(_head + i) % _hashes.Length];
        }

        (_hashes, _head) = (hashes, 0);
        _index = new uint[length + length / 2 + 1];
        for (var i = 0; i < Count; i++)
        {
            Insert(_hashes[i], i);
        }
    }
}
