namespace AdOrleans.Streaming;

/// <summary>
/// The ids of an <see cref="EventIdWindow"/> in arrival order, each with its record time in whole seconds, in flat
/// arrays: a ring (hash, seconds: 12 bytes) and an open-addressing index into it (linear probing, at most half full:
/// 8–16 bytes, 8.4 at the default capacity). About 20 bytes per id, against ~73 for a Dictionary plus a Queue of
/// tuples (measured: 204 MB for 2.8 million ids). Ids leave only from the oldest end, by expiry or when the ring is at
/// capacity; the arrays grow by doubling up to the capacity, so an idle partition holds little.
/// </summary>
internal sealed class EventIdTable(int capacity)
{
    private const int InitialLength = 1024;

    private ulong[] _hashes = [];
    private uint[] _seconds = [];
    private int[] _index = [];
    private int _head;

    public int Count { get; private set; }

    public bool Contains(ulong hash) => Find(hash, out _) >= 0;

    /// <summary>Adds an id not held yet as the newest; at capacity the oldest leaves first.</summary>
    public void Add(ulong hash, uint seconds)
    {
        if (Count == _hashes.Length)
        {
            if (_hashes.Length < capacity)
            {
                Grow(Math.Min(Math.Max(InitialLength, _hashes.Length * 2), capacity));
            }
            else
            {
                RemoveOldest();
            }
        }

        var position = (_head + Count) % _hashes.Length;
        (_hashes[position], _seconds[position]) = (hash, seconds);
        Count++;
        var slot = Home(hash);
        while (_index[slot] != 0)
        {
            slot = (slot + 1) & (_index.Length - 1);
        }

        _index[slot] = position + 1;
    }

    /// <summary>The record time of the oldest id held.</summary>
    public bool TryPeekOldestSeconds(out uint seconds)
    {
        seconds = Count > 0 ? _seconds[_head] : 0;
        return Count > 0;
    }

    public void RemoveOldest()
    {
        Find(_hashes[_head], out var slot, _head);
        RemoveSlot(slot);
        _head = (_head + 1) % _hashes.Length;
        Count--;
    }

    /// <summary>The ring position of <paramref name="hash"/> (or of ring position <paramref name="at"/> when given), -1 when not held.</summary>
    private int Find(ulong hash, out int slot, int at = -1)
    {
        if (Count == 0)
        {
            slot = -1;
            return -1;
        }

        slot = Home(hash);
        while (_index[slot] is var entry && entry != 0)
        {
            var position = entry - 1;
            if (at >= 0 ? position == at : _hashes[position] == hash)
            {
                return position;
            }

            slot = (slot + 1) & (_index.Length - 1);
        }

        return -1;
    }

    /// <summary>Backward-shift deletion: later entries of the probe run move up, so lookups never meet a hole early.</summary>
    private void RemoveSlot(int hole)
    {
        var mask = _index.Length - 1;
        var next = (hole + 1) & mask;
        while (_index[next] != 0)
        {
            var home = Home(_hashes[_index[next] - 1]);
            // The entry may fill the hole when its home is not cyclically within (hole, next].
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _index[hole] = _index[next];
                hole = next;
            }

            next = (next + 1) & mask;
        }

        _index[hole] = 0;
    }

    private int Home(ulong hash) => (int)(hash & (ulong)(_index.Length - 1));

    private void Grow(int length)
    {
        var (hashes, seconds) = (new ulong[length], new uint[length]);
        for (var i = 0; i < Count; i++)
        {
            var from = (_head + i) % _hashes.Length;
            (hashes[i], seconds[i]) = (_hashes[from], _seconds[from]);
        }

        (_hashes, _seconds, _head) = (hashes, seconds, 0);
        _index = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length * 2)];
        for (var i = 0; i < Count; i++)
        {
            var slot = Home(_hashes[i]);
            while (_index[slot] != 0)
            {
                slot = (slot + 1) & (_index.Length - 1);
            }

            _index[slot] = i + 1;
        }
    }
}
