using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// A bounded ring of committed KPI changes with increasing ids, the source of <c>/v1/kpi/stream</c>.
/// Ids start at the process start time in microseconds, so an id from an earlier process is always
/// older than the ring and resumes as a reset, never as a silent gap. While no client listens (and none left within
/// <see cref="KpiStreamOptions.ResumeWindow"/>), changes are not read at all (<see cref="HasListeners"/>);
/// <see cref="MarkGap"/> then makes every earlier id resume as a reset.
/// </summary>
public sealed class KpiChangeFeed(IOptions<KpiStreamOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly KpiChange?[] _ring = new KpiChange?[options.Value.Capacity];
    private readonly long _firstId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private long _nextId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resumableFrom;
    private bool _gapOpen;
    private int _listeners;
    private long _lastLeftTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Whether a client reads the feed now or may resume soon: only then are committed changes worth reading back.</summary>
    public bool HasListeners =>
        Volatile.Read(ref _listeners) > 0 || clock.GetUtcNow().UtcTicks - Volatile.Read(ref _lastLeftTicks) < options.Value.ResumeWindow.Ticks;

    /// <summary>Registers a reader for as long as the returned handle lives.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        return new Listener(this);
    }

    /// <summary>
    /// Changes were committed but not published (nobody listened): burns one id, so that a client resuming from any
    /// id before it is told to reset instead of silently missing them.
    /// </summary>
    public void MarkGap()
    {
        lock (_gate)
        {
            if (!_gapOpen)
            {
                _resumableFrom = ++_nextId;
                _gapOpen = true;
            }
        }
    }

    /// <summary>Id of the newest change (or one before the first, when none yet).</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _nextId - 1;
            }
        }
    }

    public void Publish(IEnumerable<(KpiBucketKey Key, long[] Counters)> changes)
    {
        TaskCompletionSource published;
        lock (_gate)
        {
            _gapOpen = false;
            foreach (var (key, counters) in changes)
            {
                var id = _nextId++;
                _ring[id % _ring.Length] = new KpiChange(id, key.Dimension, key.Id, key.Granularity.Name(),
                    DateTimeOffset.FromUnixTimeSeconds(key.BucketStart), KpiValues.From(counters));
            }

            published = _published;
            _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        published.TrySetResult();
    }

    /// <summary>Appends changes after <paramref name="lastId"/>; false when some of them already left the ring (or the id is not ours).</summary>
    public bool TryReadAfter(long lastId, List<KpiChange> into, int max = 1024)
    {
        lock (_gate)
        {
            var oldest = Math.Max(Math.Max(_firstId, _resumableFrom), _nextId - _ring.Length);
            if (lastId < oldest - 1 || lastId >= _nextId)
            {
                return false;
            }

            for (var id = lastId + 1; id < _nextId && into.Count < max; id++)
            {
                into.Add(_ring[id % _ring.Length]!);
            }

            return true;
        }
    }

    /// <summary>Completes once a change newer than <paramref name="lastId"/> exists.</summary>
    public Task WaitAsync(long lastId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _nextId - 1 > lastId ? Task.CompletedTask : _published.Task.WaitAsync(cancellationToken);
        }
    }

    private void Left()
    {
        Volatile.Write(ref _lastLeftTicks, clock.GetUtcNow().UtcTicks);
        Interlocked.Decrement(ref _listeners);
    }

    private sealed class Listener(KpiChangeFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Left();
            }
        }
    }
}
