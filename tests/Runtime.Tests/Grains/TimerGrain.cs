namespace AdOrleans.Runtime.Tests;

public interface ITimerGrain : IGrain
{
    ValueTask StartAsync(TimeSpan period);

    ValueTask<(int Ticks, int Overlaps)> HammerAsync();

    ValueTask<(int Ticks, int Overlaps)> GetAsync();
}

/// <summary>A grain whose timer and messages both touch one field; an overlap between them is counted.</summary>
public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _inside;
    private int _ticks;
    private int _overlaps;

    public ValueTask StartAsync(TimeSpan period)
    {
        RegisterTimer(async _ =>
        {
            Enter();
            await Task.Delay(2);
            _ticks++;
            Exit();
        }, period, period);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<(int Ticks, int Overlaps)> HammerAsync()
    {
        Enter();
        await Task.Delay(1);
        Exit();
        return (_ticks, _overlaps);
    }

    public ValueTask<(int Ticks, int Overlaps)> GetAsync() => ValueTask.FromResult((_ticks, _overlaps));

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            _overlaps++;
        }
    }

    private void Exit() => Interlocked.Decrement(ref _inside);
}
