namespace AdOrleans.Streaming;

/// <summary>
/// The record times of the ids of an <see cref="EventIdTable"/>, kept as steps instead of one value per id: a mark
/// (sequence number, seconds) says that the id with that number and every later one up to the next mark arrived at
/// most at those seconds. Ids come in log order, so their times rise, and a new mark is needed only when the second
/// changes: a two-hour window holds at most 7,200 marks at any rate, where a time per id cost 4 bytes each (32 MB of
/// the 16 default windows at capacity). A time that goes back (stored ids loaded in any order, a clock step) takes the
/// highest seen so far: its id then expires late, never early.
/// </summary>
internal sealed class ArrivalSeconds
{
    private (long First, uint Seconds)[] _marks = new (long, uint)[16];
    private int _head;
    private int _count;
    private long _next;

    /// <summary>The id numbered next (0, 1, 2, … in arrival order) arrived at <paramref name="seconds"/>.</summary>
    public void Added(uint seconds)
    {
        if (_count == 0 || seconds > _marks[(_head + _count - 1) % _marks.Length].Seconds)
        {
            Push((_next, seconds));
        }

        _next++;
    }

    /// <summary>An upper bound of the record time of the id numbered <paramref name="sequence"/>, the oldest one held.</summary>
    public uint SecondsOf(long sequence)
    {
        DropBefore(sequence);
        return _marks[_head].Seconds;
    }

    /// <summary>Drops the marks that only ids numbered before <paramref name="sequence"/> (no longer held) still need.</summary>
    public void DropBefore(long sequence)
    {
        while (_count > 1 && _marks[(_head + 1) % _marks.Length].First <= sequence)
        {
            _head = (_head + 1) % _marks.Length;
            _count--;
        }
    }

    private void Push((long First, uint Seconds) mark)
    {
        if (_count == _marks.Length)
        {
            var grown = new (long, uint)[_marks.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _marks[(_head + i) % _marks.Length];
            }

            (_marks, _head) = (grown, 0);
        }

        _marks[(_head + _count) % _marks.Length] = mark;
        _count++;
    }
}
