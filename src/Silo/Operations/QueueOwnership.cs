namespace AdOrleans.Silo.Operations;

/// <summary>
/// Whether a silo reads its share of queues, as readiness sees it. A silo becomes ready only once it reads every queue
/// of its share. When the share changes later (a silo joined or left), the handover takes a moment, so a silo that was
/// ready stays ready for <c>grace</c> after the change while queues are missing; past it, a missing queue is stuck.
/// </summary>
public sealed class QueueOwnership(TimeSpan grace, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private IReadOnlySet<TopicPartition> _share = new HashSet<TopicPartition>();
    private DateTimeOffset _shareSince = DateTimeOffset.MinValue;
    private bool _loadedOnce;

    public bool Loaded(IReadOnlySet<TopicPartition> share, IReadOnlySet<TopicPartition> owned)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (!share.SetEquals(_share))
            {
                (_share, _shareSince) = (share, now);
            }

            if (share.IsSubsetOf(owned))
            {
                _loadedOnce = true;
                return true;
            }

            return _loadedOnce && now - _shareSince < grace;
        }
    }
}
