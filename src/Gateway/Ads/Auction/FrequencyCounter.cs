using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// Sliding-window counts of this gateway's wins per (user, campaign), for frequency caps without cookies.
/// A win counts as an impression whether or not it renders, so one gateway never exceeds a cap; see
/// docs/ad-serving.md for the bound with several gateways. Memory is capped: when full, expired windows are swept.
/// The counter keeps its own count of windows: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every
/// bucket lock (up to 1,024 once the table has grown), and every capped win asked it.
/// </summary>
public sealed class FrequencyCounter(IOptions<AdServingOptions> options)
{
    private readonly ConcurrentDictionary<(string User, string Campaign), Window> _windows = new();
    private int _sweeping;
    private int _count;

    public int Count(string userId, string campaignId, int perSeconds, long nowMs) =>
        _windows.TryGetValue((userId, campaignId), out var window) ? window.Count(nowMs - perSeconds * 1000L) : 0;

    public void Record(string userId, string campaignId, int max, int perSeconds, long nowMs)
    {
        if (Volatile.Read(ref _count) >= options.Value.MaxFrequencyEntries)
        {
            Sweep(nowMs);
        }

        var key = (userId, campaignId);
        Window? window;
        while (!_windows.TryGetValue(key, out window))
        {
            var created = new Window(max, perSeconds);
            if (_windows.TryAdd(key, created))
            {
                Interlocked.Increment(ref _count);
                window = created;
                break;
            }
        }

        window.Add(nowMs);
    }

    /// <summary>How many campaigns' windows the user has here (an export).</summary>
    public int Windows(string userId) => _windows.Keys.Count(k => string.Equals(k.User, userId, StringComparison.Ordinal));

    /// <summary>Drops every window of the user (an erasure, docs/privacy.md); returns how many there were.</summary>
    public int Forget(string userId)
    {
        var forgotten = 0;
        foreach (var key in _windows.Keys.Where(k => string.Equals(k.User, userId, StringComparison.Ordinal)))
        {
            forgotten += Remove(key) ? 1 : 0;
        }

        return forgotten;
    }

    private void Sweep(long nowMs)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, window) in _windows)
            {
                if (window.Count(nowMs - window.PerSeconds * 1000L) == 0)
                {
                    Remove(key);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private bool Remove((string User, string Campaign) key)
    {
        if (!_windows.TryRemove(key, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>The last <c>max</c> win times of one pair, in a ring: the cap is reached when the oldest is inside the window.</summary>
    private sealed class Window(int max, int perSeconds)
    {
        private readonly long[] _times = new long[Math.Max(1, max)];
        private int _next;
        private int _filled;

        public int PerSeconds => perSeconds;

        public int Count(long sinceMs)
        {
            lock (_times)
            {
                var count = 0;
                for (var i = 0; i < _filled; i++)
                {
                    if (_times[i] > sinceMs)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        public void Add(long nowMs)
        {
            lock (_times)
            {
                _times[_next] = nowMs;
                _next = (_next + 1) % _times.Length;
                _filled = Math.Min(_filled + 1, _times.Length);
            }
        }
    }
}
