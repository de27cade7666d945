using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// A bounded ring of committed KPI changes with increasing ids, the source of <c>/v1/kpi/stream</c>.
/// Ids start at the process start time in microseconds, so an id from an earlier process is always
/// older than the ring and resumes as a reset, never as a silent gap.
/// </summary>
public sealed class KpiChangeFeed(IOptions<KpiStreamOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly KpiChange?[] _ring = new KpiChange?[options.Value.Capacity];
    private readonly long _firstId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private long _nextId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            var oldest = Math.Max(_firstId, _nextId - _ring.Length);
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
}
