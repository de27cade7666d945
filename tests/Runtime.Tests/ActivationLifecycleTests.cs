namespace AdOrleans.Runtime.Tests;

public sealed class ActivationLifecycleTests
{
    private static readonly Dictionary<string, string?> FastCollection = new()
    {
        ["Runtime:IdleDeactivationAge"] = "00:00:00.200",
        ["Runtime:CollectionInterval"] = "00:00:00.050",
    };

    [Fact]
    public async Task IdleGrainsAreDeactivatedAndReactivateWithTheirPersistedState()
    {
        await using var runtime = await RuntimeHarness.StartAsync(FastCollection);
        var grain = runtime.Grains.GetGrain<ICounterGrain>("idle");
        await grain.CallAsync(static g => g.IncrementAsync());
        await grain.CallAsync(static g => g.IncrementAsync());
        await grain.CallAsync(static g => g.SaveAsync());
        Assert.Equal(1, runtime.Catalog.ActivationCount);

        await WaitUntilAsync(() => runtime.Catalog.ActivationCount == 0, TimeSpan.FromSeconds(5));

        var state = await grain.CallAsync(static g => g.GetAsync());
        Assert.Equal(2, state.Count);
        Assert.Equal(2, state.Activations);
    }

    [Fact]
    public async Task ABusyGrainIsNotDeactivated()
    {
        await using var runtime = await RuntimeHarness.StartAsync(FastCollection);
        var grain = runtime.Grains.GetGrain<ICounterGrain>("busy");

        var until = DateTime.UtcNow.AddMilliseconds(800);
        while (DateTime.UtcNow < until)
        {
            await grain.CallAsync(static g => g.IncrementAsync());
            await Task.Delay(20);
        }

        Assert.Equal(1, (await grain.CallAsync(static g => g.GetAsync())).Activations);
    }

    [Fact]
    public async Task OneKeyHasExactlyOneActivationUnderConcurrentFirstCalls()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
            runtime.Grains.GetGrain<ICounterGrain>("once").CallAsync(static g => g.IncrementAsync()))));

        var state = await runtime.Grains.GetGrain<ICounterGrain>("once").CallAsync(static g => g.GetAsync());
        Assert.Equal(1, state.Activations);
        Assert.Equal(64, state.Count);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
