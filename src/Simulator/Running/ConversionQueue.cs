using AdOrleans.Simulator.Generation;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// Delayed conversions: each waits (in real time, delay / time scale) and then goes out with the event batches.
/// Ones due after the run ends are never sent and so are not in the ground truth.
/// </summary>
public sealed class ConversionQueue
{
    private readonly EventSender _sender;
    private readonly DateTimeOffset? _runEndsAt;
    private readonly PriorityQueue<SimEvent, DateTimeOffset> _due = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public ConversionQueue(EventSender sender, DateTimeOffset? runEndsAt)
    {
        _sender = sender;
        _runEndsAt = runEndsAt;
        _pump = Task.Run(PumpAsync);
    }

    public void Schedule(DateTimeOffset dueAt, SimEvent conversion)
    {
        if (dueAt > _runEndsAt)
        {
            return;
        }

        lock (_lock)
        {
            _due.Enqueue(conversion, dueAt);
        }
    }

    public async Task CompleteAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        await SendDueAsync(DateTimeOffset.MaxValue);
    }

    private async Task PumpAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendDueAsync(DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>occurredAt never passes the real clock: the API refuses events from the future.</summary>
    private async Task SendDueAsync(DateTimeOffset until)
    {
        var ready = new List<SimEvent>();
        lock (_lock)
        {
            while (_due.TryPeek(out _, out var at) && at <= until)
            {
                ready.Add(_due.Dequeue());
            }
        }

        if (ready.Count > 0)
        {
            var now = DateTimeOffset.UtcNow;
            await _sender.AddAsync(ready.Select(e => e.OccurredAt > now ? e with { OccurredAt = now } : e), CancellationToken.None);
        }
    }
}
