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
        var parties = Math.Max(2, Environment.ProcessorCount);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, parties + 2), io);

        // Each turn blocks until all parties' turns are running: this completes only if grains run concurrently.
        var rendezvous = new Rendezvous(parties, TimeSpan.FromSeconds(10));
        var arrived = await Task.WhenAll(Enumerable.Range(0, parties).Select(i =>
            runtime.Grains.GetGrain<ITurnProbeGrain>($"parallel-{i}").CallAsync(static (g, r) => g.RendezvousAsync(r), rendezvous)));

        Assert.All(arrived, Assert.True);
    }

    [Fact]
    public async Task TurnsOfOneGrainNeverRunConcurrentlyEvenWhenTheyCould()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ITurnProbeGrain>("single");

        // Two turns of ONE grain can never meet: the second starts only after the first gave up waiting.
        var rendezvous = new Rendezvous(2, TimeSpan.FromMilliseconds(300));
        var arrived = await Task.WhenAll(
            grain.CallAsync(static (g, r) => g.RendezvousAsync(r), rendezvous),
            grain.CallAsync(static (g, r) => g.RendezvousAsync(r), rendezvous));

        Assert.False(arrived[0]);
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
