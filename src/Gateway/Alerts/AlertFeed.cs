using AdOrleans.Grains.Alerts;

namespace AdOrleans.Gateway.Alerts;

/// <summary>
/// Alert state changes for <c>/v1/kpi/stream</c> (<c>event: alert</c>): a short ring, each client reading what came
/// after it connected. Alerts are not resumable with <c>Last-Event-ID</c>: <c>GET /v1/alerts</c> is their record.
/// </summary>
public sealed class AlertFeed
{
    public const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, Alert Alert)> _recent = new();
    private long _last;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public void Publish(Alert alert)
    {
        TaskCompletionSource published;
        lock (_gate)
        {
            _recent.Enqueue((++_last, alert));
            if (_recent.Count > Capacity)
            {
                _recent.Dequeue();
            }

            published = _published;
            _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        published.TrySetResult();
    }

    /// <summary>Appends the alerts after <paramref name="after"/> still held; returns the newest sequence.</summary>
    public long ReadAfter(long after, List<Alert> into)
    {
        lock (_gate)
        {
            into.AddRange(_recent.Where(r => r.Sequence > after).Select(r => r.Alert));
            return _last;
        }
    }

    public Task WaitAsync(long after, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _last > after ? Task.CompletedTask : _published.Task.WaitAsync(cancellationToken);
        }
    }
}
