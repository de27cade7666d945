namespace AdOrleans.GrainStorage.Tests;

public sealed class PersistentGrainTests
{
    [PostgresFact]
    public async Task AGrainOnThePerCommandStorageKeepsItsStateAcrossDeactivation()
    {
        await using var silo = await PostgresSilo.StartAsync();
        var counter = silo.Cluster.Client.GetGrain<ICounterGrain>("k");
        await counter.AddAsync(5);
        var (total, before) = await counter.GetAsync();
        Assert.Equal(7, await counter.AddAsync(2));

        await silo.Cluster.DeactivateAsync(counter);
        var (after, activation) = await counter.GetAsync();

        Assert.NotEqual(before, activation);
        Assert.Equal((5, 7), (total, after));
        Assert.Equal(2, await silo.ScalarAsync<int>("SELECT version FROM orleans_grain_state WHERE grain_id_ext = 'test-counter/k'"));
    }
}
