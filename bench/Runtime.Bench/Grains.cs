using System.Collections.Concurrent;

namespace AdOrleans.Runtime.Bench;

/// <summary>
/// Completion tracking without a hot shared counter: each grain counts its own messages and only
/// the turn that brings a grain to the expected count touches the shared <c>remaining</c> counter
/// (once per grain per repetition, not once per message).
/// </summary>
public static class Progress
{
    private static int _remaining;
    private static TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The per-grain cumulative count at which a grain reports itself done.</summary>
    public static long Target;

    public static Task Reset(long target, int grains)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, grains);
        Volatile.Write(ref Target, target);
        return _done.Task;
    }

    public static int Remaining => Volatile.Read(ref _remaining);

    public static void GrainDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}

public interface ICounterGrain : IGrain
{
    ValueTask AddAsync(int amount);
}

/// <summary>One-way target: increments a counter field; one turn at a time, so no atomics needed.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    public static readonly ConcurrentQueue<CounterGrain> All = new();

    public long Count;

    public override ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        All.Enqueue(this);
        return ValueTask.CompletedTask;
    }

    public ValueTask AddAsync(int amount)
    {
        Count += amount;
        if (Count == Volatile.Read(ref Progress.Target))
        {
            Progress.GrainDone();
        }

        return ValueTask.CompletedTask;
    }
}

public interface ICallGrain : IGrain
{
    ValueTask<long> IncrementAsync(int amount);
}

/// <summary>Request/response target: increments and returns the new count.</summary>
public sealed class CallGrain : Grain, ICallGrain
{
    public static readonly ConcurrentQueue<CallGrain> All = new();

    public long Count;

    public override ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        All.Enqueue(this);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> IncrementAsync(int amount) => new(Count += amount);
}

public sealed class TinyState
{
    public long Value { get; set; }
}

public interface ITinyGrain : IGrain
{
    ValueTask TouchAsync(int amount);
}

/// <summary>An idle activation with a tiny persistent state (one long), for memory per activation.</summary>
public sealed class TinyGrain : Grain<TinyState>, ITinyGrain
{
    public ValueTask TouchAsync(int amount)
    {
        State.Value += amount;
        if (State.Value == Volatile.Read(ref Progress.Target))
        {
            Progress.GrainDone();
        }

        return ValueTask.CompletedTask;
    }
}
