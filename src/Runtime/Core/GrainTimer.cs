namespace AdOrleans.Runtime;

/// <summary>A periodic callback that runs as a turn of its grain. Ticks never pile up: one is queued at most.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, ValueTask> _callback;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private int _queued;

    public GrainTimer(Activation activation, Func<CancellationToken, ValueTask> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = new Timer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period);
    }

    private void Tick()
    {
        if (_stopped.IsCancellationRequested || Interlocked.Exchange(ref _queued, 1) == 1)
        {
            return;
        }

        _activation.Enqueue(new SystemTurn(RunAsync, aborted: () => Volatile.Write(ref _queued, 0)));
    }

    private async ValueTask RunAsync(Activation activation)
    {
        try
        {
            if (!_stopped.IsCancellationRequested)
            {
                await _callback(_stopped.Token);
            }
        }
        finally
        {
            Volatile.Write(ref _queued, 0);
        }
    }

    public void Dispose()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        _stopped.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }
}
