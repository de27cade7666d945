using System.Diagnostics;

namespace AdOrleans.Runtime.Tests;

[Collection(TimingCollection.Name)]
public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task AGrainHammeredFromManyThreadsNeverRunsTwoTurnsAtOnceAndLosesNoUpdate()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ITurnProbeGrain>("hot");
        const int threads = 16, perThread = 5_000;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(async () =>
        {
            var calls = new Task[perThread];
            for (var i = 0; i < perThread; i++)
            {
                calls[i] = grain.CallAsync(static g => g.AddAsync(yieldEvery: 7));
            }

            await Task.WhenAll(calls);
        })));

        Assert.Equal(threads * perThread, await grain.CallAsync(static g => g.GetAsync()));
    }

    [Fact]
    public async Task ManyGrainsRunTheirTurnsInParallelAcrossCores()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var cores = Math.Min(Environment.ProcessorCount, 4);
        var spin = TimeSpan.FromMilliseconds(400);
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, cores).Select(i =>
            runtime.Grains.GetGrain<ITurnProbeGrain>($"parallel-{i}").CallAsync(g => g.SpinAsync(spin))));

        stopwatch.Stop();
        Assert.True(TurnProbeGrain.MaxConcurrentAcrossGrains >= Math.Min(cores, 2), $"at most {TurnProbeGrain.MaxConcurrentAcrossGrains} grains ran at once");
        Assert.True(stopwatch.Elapsed < spin * cores * 0.9, $"{cores} spins of {spin} took {stopwatch.Elapsed}: not parallel");
    }

    [Fact]
    public async Task TimerTicksRunAsTurnsAndNeverInterleaveWithMessages()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ITimerGrain>("t");
        await grain.CallAsync(g => g.StartAsync(TimeSpan.FromMilliseconds(1)));

        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.CallAsync(static g => g.HammerAsync())));
        }

        var (ticks, overlaps) = await grain.CallAsync(static g => g.GetAsync());
        Assert.True(ticks > 5, $"only {ticks} timer ticks ran");
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task AFailingTurnFailsOnlyItsCallerAndTheGrainGoesOn()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ICounterGrain>("f");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.CallAsync<long>(static _ => throw new InvalidOperationException("boom")));
        await grain.CallAsync(static g => g.IncrementAsync());

        Assert.Equal(1, (await grain.CallAsync(static g => g.GetAsync())).Count);
    }
}
