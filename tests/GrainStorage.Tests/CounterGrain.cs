namespace AdOrleans.GrainStorage.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    /// <summary>The total, and which activation answered.</summary>
    Task<(int Total, Guid Activation)> GetAsync();
}

public sealed class CounterState
{
    public int Total { get; set; }
}

/// <summary>The smallest grain that keeps state on the per-command storage, as slots and segments do.</summary>
[GrainType("test-counter")]
public sealed class CounterGrain([PersistentState("state", StorageProviders.PerCommand)] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public async Task<int> AddAsync(int amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<(int Total, Guid Activation)> GetAsync() => Task.FromResult((state.State.Total, _activation));
}
