using AdOrleans.Grains.Kpi;

namespace AdOrleans.Persistence;

/// <summary>
/// Buckets written for each source grain since its last commit was announced. The row writer adds
/// (inside the transaction); the commit observer takes them once the commit succeeded. One grain is
/// committed by one partition worker at a time, so a source's set never mixes two commits; a retried
/// commit only re-adds the same buckets. While nobody wants the changes (<paramref name="wanted"/>: no client of the
/// live stream), nothing is recorded; <paramref name="missed"/> is told at once, so a client resuming from before
/// the change is sent a reset rather than silently missing it.
/// </summary>
public sealed class KpiChangeTracker(Func<bool>? wanted = null, Action? missed = null)
{
    private readonly Func<bool> _wanted = wanted ?? (() => true);
    private readonly Action _missed = missed ?? (() => { });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<KpiBucketKey>> _pending = new(StringComparer.Ordinal);

    public void Record(IEnumerable<KpiRollupKey> keys)
    {
        lock (_gate)
        {
            if (!_wanted())
            {
                _missed();
                return;
            }

            foreach (var key in keys)
            {
                if (!_pending.TryGetValue(key.Source, out var set))
                {
                    _pending[key.Source] = set = [];
                }

                set.Add(key.Bucket);
            }
        }
    }

    public void TakeInto(string source, HashSet<KpiBucketKey> into)
    {
        lock (_gate)
        {
            if (_pending.Remove(source, out var set))
            {
                into.UnionWith(set);
            }
        }
    }
}
