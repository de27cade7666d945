using System.Text;

namespace AdOrleans.Runtime.Tests;

public interface ICounterGrain : IGrain
{
    ValueTask<CounterState> GetAsync();

    ValueTask IncrementAsync();

    ValueTask SaveAsync();
}

public sealed record CounterState
{
    public long Count { get; init; }

    public long Activations { get; init; }

    public string LastValue { get; init; } = "";
}

/// <summary>Counts log records and direct increments; counts its own activations to observe reactivation.</summary>
public sealed class CounterGrain : Grain<CounterState>, ICounterGrain, ILogConsumerGrain
{
    public override ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        State = State with { Activations = State.Activations + 1 };
        return ValueTask.CompletedTask;
    }

    public ValueTask<CounterState> GetAsync() => ValueTask.FromResult(State);

    public ValueTask IncrementAsync()
    {
        State = State with { Count = State.Count + 1 };
        return ValueTask.CompletedTask;
    }

    public ValueTask SaveAsync() => WriteStateAsync();

    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        State = State with { Count = State.Count + 1, LastValue = Encoding.UTF8.GetString(record.Value.Span) };
        return ValueTask.CompletedTask;
    }
}
