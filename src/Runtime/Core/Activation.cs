using System.Diagnostics;

namespace AdOrleans.Runtime;

/// <summary>
/// The single live instance of one grain key. Its mailbox is a lock-free stack that producers push
/// onto and the one worker that owns the activation (the <c>_scheduled</c> flag) drains in FIFO order,
/// so turns of one grain never overlap while different grains run on all thread-pool threads.
/// </summary>
internal sealed partial class Activation(GrainType type, string key) : IThreadPoolWorkItem
{
    private const int Created = 0, Active = 1, Dead = 2;

    /// <summary>Per-thread turn counter: latency is sampled on every 16th turn a thread runs, whatever the slice sizes.</summary>
    [ThreadStatic]
    private static int t_sampleCounter;

    private Turn? _inbox;
    private Turn? _ready;
    private int _scheduled;
    private volatile int _status;
    private bool _deactivationRequested;

    internal GrainType Type { get; } = type;

    internal string Key { get; } = key;

    internal GrainId Id => new(Type.Name, Key);

    internal GrainCatalog Catalog => Type.Catalog;

    internal Grain Grain { get; private set; } = null!;

    internal long LastActiveTicks { get; private set; } = Environment.TickCount64;

    /// <summary>Set when a log record changed the grain since the partition worker last committed it.</summary>
    internal bool HasUncommittedChanges { get; set; }

    internal bool IsIdle => _ready is null && Volatile.Read(ref _inbox) is null && Volatile.Read(ref _scheduled) == 0;

    public void Enqueue(Turn turn)
    {
        Turn? head;
        do
        {
            head = Volatile.Read(ref _inbox);
            turn.Next = head;
        }
        while (Interlocked.CompareExchange(ref _inbox, turn, head) != head);

        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void Execute() => Run();

    private void Run()
    {
        if (_status == Created)
        {
            var activating = ActivateAsync();
            if (!activating.IsCompleted)
            {
                _ = ContinueAfterAsync(activating);
                return;
            }
        }

        var budget = Catalog.Options.TurnsPerSlice;
        var turns = 0;
        while (true)
        {
            if (_status == Dead)
            {
                ForwardQueuedTurns();
                if (TryRelease())
                {
                    break;
                }

                continue;
            }

            var turn = TakeNext();
            if (turn is null)
            {
                if (TryRelease())
                {
                    break;
                }

                continue;
            }

            if (turn.KeepsAlive)
            {
                LastActiveTicks = Environment.TickCount64;
            }

            turns++;
            var sampled = (++t_sampleCounter & 15) == 0;
            var started = sampled ? Stopwatch.GetTimestamp() : 0;
            var pending = turn.ExecuteAsync(this);
            if (!pending.IsCompletedSuccessfully)
            {
                Type.Metrics.RecordTurns(turns);
                _ = CompleteTurnAsync(pending, Stopwatch.GetTimestamp());
                return;
            }

            if (sampled)
            {
                Type.Metrics.RecordLatency(Stopwatch.GetElapsedTime(started));
            }

            if (_deactivationRequested)
            {
                Type.Metrics.RecordTurns(turns);
                _ = ContinueAfterAsync(DeactivateAsync(DeactivationReason.Requested));
                return;
            }

            if (--budget == 0)
            {
                // Yield the thread so one busy grain cannot starve others; we still own the activation.
                Type.Metrics.RecordTurns(turns);
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }

        Type.Metrics.RecordTurns(turns);
    }

    private async Task CompleteTurnAsync(ValueTask pending, long started)
    {
        await pending;
        Type.Metrics.RecordLatency(Stopwatch.GetElapsedTime(started));
        if (_deactivationRequested)
        {
            await DeactivateAsync(DeactivationReason.Requested);
        }

        Run();
    }

    private async Task ContinueAfterAsync(ValueTask pending)
    {
        await pending;
        Run();
    }

    private Turn? TakeNext()
    {
        if (_ready is null)
        {
            var taken = Interlocked.Exchange(ref _inbox, null);
            Turn? reversed = null;
            while (taken is not null)
            {
                var next = taken.Next;
                taken.Next = reversed;
                reversed = taken;
                taken = next;
            }

            _ready = reversed;
        }

        var turn = _ready;
        if (turn is not null)
        {
            _ready = turn.Next;
            turn.Next = null;
        }

        return turn;
    }

    /// <summary>Gives up ownership; returns false when new work arrived and ownership was taken back.</summary>
    private bool TryRelease()
    {
        Interlocked.Exchange(ref _scheduled, 0);
        if (Volatile.Read(ref _inbox) is null)
        {
            return true;
        }

        return Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0;
    }

    private void ForwardQueuedTurns()
    {
        for (var turn = TakeNext(); turn is not null; turn = TakeNext())
        {
            if (turn is SystemTurn)
            {
                turn.Abort(new ObjectDisposedException(Id.ToString()));
            }
            else
            {
                Type.Dispatch(Key, turn);
            }
        }
    }
}
