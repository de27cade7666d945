using System.Collections.Concurrent;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// When each user last clicked an ad of each channel, as seen by this gateway's verified clicks: the evidence
/// for "clicked in channel X in the last N days" segment rules. Local and in memory (docs/ad-serving.md). It keeps
/// its own count of entries for the memory cap: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every
/// bucket lock, on every click. The count is approximate under concurrent clears, which only moves the next clear.
/// </summary>
public sealed class ClickHistory
{
    private const int MaxUsers = 1_000_000;
    private readonly ConcurrentDictionary<(string User, string Channel), DateTimeOffset> _lastClick = new();
    private int _count;

    public void Record(string userId, string channel, DateTimeOffset at)
    {
        if (Volatile.Read(ref _count) >= MaxUsers)
        {
            _lastClick.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_lastClick.TryAdd((userId, channel), at))
        {
            Interlocked.Increment(ref _count);
            return;
        }

        _lastClick.AddOrUpdate((userId, channel), static (_, time) => time, static (_, previous, time) => previous > time ? previous : time, at);
    }

    /// <summary>How many channels' last clicks the user has here (an export).</summary>
    public int Channels(string userId) => _lastClick.Keys.Count(k => string.Equals(k.User, userId, StringComparison.Ordinal));

    /// <summary>Drops the user's clicks (an erasure, docs/privacy.md); returns how many channels it held.</summary>
    public int Forget(string userId)
    {
        var forgotten = 0;
        foreach (var key in _lastClick.Keys.Where(k => string.Equals(k.User, userId, StringComparison.Ordinal)))
        {
            if (_lastClick.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
                forgotten++;
            }
        }

        return forgotten;
    }

    public bool ClickedSince(string userId, string channel, DateTimeOffset since) =>
        _lastClick.TryGetValue((userId, channel), out var at) && at >= since;
}
