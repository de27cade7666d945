namespace AdOrleans.Runtime.Tests;

public interface ITurnProbeGrain : IGrain
{
    ValueTask<long> AddAsync(int yieldEvery);

    ValueTask<long> GetAsync();

    ValueTask<bool> RendezvousAsync(Rendezvous rendezvous);
}

/// <summary>Detects overlapping turns: a turn that finds another one inside the grain records a violation.</summary>
public sealed class TurnProbeGrain : Grain, ITurnProbeGrain
{
    private int _inside;
    private long _total;

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

    /// <summary>Blocks this turn's thread until every party's turn has arrived: only possible if they run at once.</summary>
    public ValueTask<bool> RendezvousAsync(Rendezvous rendezvous) => ValueTask.FromResult(rendezvous.ArriveAndWait());

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Violations++;
        }
    }

    private void Exit() => Interlocked.Decrement(ref _inside);
}

public sealed class Rendezvous(int parties, TimeSpan timeout)
{
    private int _arrived;

    public bool ArriveAndWait()
    {
        Interlocked.Increment(ref _arrived);
        return SpinWait.SpinUntil(() => Volatile.Read(ref _arrived) >= parties, timeout);
    }
}
