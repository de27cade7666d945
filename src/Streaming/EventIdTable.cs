using System.Numerics;

namespace AdOrleans.Streaming;

/// <summary>
/// The ids of an <see cref="EventIdWindow"/> in arrival order in flat arrays: a ring of their hashes' high 56 bits (7
/// bytes) and an open-addressing index into it (linear probing, at most two thirds full, 3-byte entries where the
/// capacity allows, else 4: 4.5 or 6 bytes per id); their record times are steps in <see cref="ArrivalSeconds"/>, a few
/// kilobytes whatever the count. About 11.5 bytes per id at the default capacity, against ~73 for a Dictionary plus a
/// Queue of tuples (measured: 204 MB for 2.8 million ids), 14 with whole hashes in the ring and 4-byte entries, 18 with a
/// time per id. An index entry holds the ring position in its low bits and, in the bits the capacity leaves free (at
/// least <see cref="MinTagBits"/>), a tag of the hash's low bits: an id matches when its tag and its ring value do, so at
/// least 59 bits of the hash are compared (3-byte entries up to 2,097,151 ids, a partition's share at the defaults); and a probe past another id's entry rarely has to read the ring, so the
/// fuller index costs little on lookups of new ids, the common case. Ids leave only from the oldest end, by expiry or
/// when the ring is at capacity; the arrays grow by doubling up to the capacity, so an idle partition holds little.
/// </summary>
internal sealed class EventIdTable
{
    public const int MinTagBits = 3;
    private const int InitialLength = 1024;
    private const int RingBytes = 7;
    private const int DroppedBits = 64 - 8 * RingBytes;

    private readonly int _capacity;
    private readonly int _entryBytes;
    private readonly int _positionBits;
    private readonly uint _positionMask;
    private readonly uint _entryMask;
    private readonly ArrivalSeconds _arrivals = new();
    private PackedUInts _ring = new(0, RingBytes);
    private PackedUInts _index;
    private int _head;

    // Ids ever added: the oldest one held is number _added - Count in ArrivalSeconds.
    private long _added;

    public EventIdTable(int capacity)
    {
        _capacity = capacity;
        // Entries store position + 1, so 0 means empty.
        _positionBits = 32 - BitOperations.LeadingZeroCount((uint)capacity);
        _entryBytes = _positionBits + MinTagBits <= 24 ? 3 : 4;
        _positionMask = (1u << _positionBits) - 1;
        _index = new PackedUInts(0, _entryBytes);
        _entryMask = (uint)_index.MaxValue;
    }

    public int Count { get; private set; }

    public bool Contains(ulong hash) => Find(hash) >= 0;

    /// <summary>Adds an id not held yet as the newest; at capacity the oldest leaves first.</summary>
    public void Add(ulong hash, uint seconds)
    {
        if (Count == _ring.Length)
        {
            if (_ring.Length < _capacity)
            {
                Grow(Math.Min(Math.Max(InitialLength, _ring.Length * 2), _capacity));
            }
            else
            {
                RemoveOldest();
            }
        }

        var position = (_head + Count) % _ring.Length;
        var stored = hash >> DroppedBits;
        _ring[position] = stored;
        _arrivals.Added(seconds);
        _added++;
        Count++;
        Insert(Home(stored), Tag(hash) | (uint)(position + 1));
    }

    /// <summary>The record time of the oldest id held, or a later one when times arrived out of order (<see cref="ArrivalSeconds"/>).</summary>
    public bool TryPeekOldestSeconds(out uint seconds)
    {
        seconds = Count > 0 ? _arrivals.SecondsOf(_added - Count) : 0;
        return Count > 0;
    }

    public void RemoveOldest()
    {
        RemoveSlot(SlotOf(_head));
        _head = (_head + 1) % _ring.Length;
        Count--;
        _arrivals.DropBefore(_added - Count);
    }

    /// <summary>The ring position of <paramref name="hash"/>, -1 when not held.</summary>
    private int Find(ulong hash)
    {
        if (Count == 0)
        {
            return -1;
        }

        var tag = Tag(hash);
        var stored = hash >> DroppedBits;
        for (var slot = Home(stored); Entry(slot) is var entry && entry != 0; slot = Next(slot))
        {
            var position = (int)(entry & _positionMask) - 1;
            if ((entry & ~_positionMask) == tag && _ring[position] == stored)
            {
                return position;
            }
        }

        return -1;
    }

    /// <summary>The index slot whose entry points at ring <paramref name="position"/> (held, so it is found).</summary>
    private int SlotOf(int position)
    {
        var slot = Home(_ring[position]);
        while ((int)(Entry(slot) & _positionMask) - 1 != position)
        {
            slot = Next(slot);
        }

        return slot;
    }

    private void Insert(int slot, uint entry)
    {
        while (Entry(slot) != 0)
        {
            slot = Next(slot);
        }

        _index[slot] = entry;
    }

    /// <summary>Backward-shift deletion: later entries of the probe run move up, so lookups never meet a hole early.</summary>
    private void RemoveSlot(int hole)
    {
        var next = Next(hole);
        while (Entry(next) is var entry && entry != 0)
        {
            var home = Home(_ring[(int)(entry & _positionMask) - 1]);
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

    private uint Entry(int slot) => (uint)_index[slot];

    /// <summary>The hash's high bits (as the ring holds them) pick the home slot, multiply-shift onto any length.</summary>
    private int Home(ulong stored) => (int)Math.BigMul(stored << DroppedBits, (ulong)_index.Length, out _);

    /// <summary>The hash's low bits, which the ring drops, above the position bits of an entry.</summary>
    private uint Tag(ulong hash) => (uint)(hash << _positionBits) & _entryMask;

    private int Next(int slot) => slot + 1 == _index.Length ? 0 : slot + 1;

    /// <summary>Steps forward from <paramref name="from"/> to <paramref name="to"/>, around the end of the index.</summary>
    private int Distance(int from, int to) => to >= from ? to - from : to + _index.Length - from;

    /// <summary>A longer ring (the ids move to its start, oldest first) and a new index, the entries keeping their tags.</summary>
    private void Grow(int length)
    {
        var ring = new PackedUInts(length, RingBytes);
        for (var i = 0; i < Count; i++)
        {
            ring[i] = _ring[(_head + i) % _ring.Length];
        }

        var (oldIndex, oldLength) = (_index, _ring.Length);
        (_ring, _index) = (ring, new PackedUInts(length + length / 2 + 1, _entryBytes));
        for (var slot = 0; slot < oldIndex.Length; slot++)
        {
            if ((uint)oldIndex[slot] is var entry && entry != 0)
            {
                var position = ((int)(entry & _positionMask) - 1 - _head + oldLength) % oldLength;
                Insert(Home(_ring[position]), (entry & ~_positionMask) | (uint)(position + 1));
            }
        }

        _head = 0;
    }
}
