namespace AdOrleans.Runtime.Tests;

public interface ITurnProbeGrain : IGrain
{
    ValueTask<long> AddAsync(int yieldEvery);

    ValueTask<long> GetAsync();

    ValueTask SpinAsync(TimeSpan duration);
}

/// <summary>Detects overlapping turns: a turn that finds another one inside the grain records a violation.</summary>
public sealed class TurnProbeGrain : Grain, ITurnProbeGrain
{
    private static int s_running;
    private int _inside;
    private long _total;

    public static int MaxConcurrentAcrossGrains;

    public long Violations { get; private set; }

    public async ValueTask<long> AddAsync(int yieldEvery)
    {
        Enter();
        var before = _total;
        if (yieldEvery > 0 && before % yieldEvery == 0)
        {
            await Task.Yield();
        }

        _total = before + 1;
        Exit();
        return _total;
    }

    public ValueTask<long> GetAsync() => ValueTask.FromResult(Violations > 0 ? -1 : _total);

    public ValueTask SpinAsync(TimeSpan duration)
    {
        var running = Interlocked.Increment(ref s_running);
        InterlockedMax(ref MaxConcurrentAcrossGrains, running);
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(100);
        }

        Interlocked.Decrement(ref s_running);
        return ValueTask.CompletedTask;
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Violations++;
        }
    }

    private void Exit() => Interlocked.Decrement(ref _inside);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
