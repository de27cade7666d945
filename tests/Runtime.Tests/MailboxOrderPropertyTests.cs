using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Runtime.Tests;

public sealed class MailboxOrderPropertyTests
{
    /// <summary>
    /// For any sequence of (grain, producer) messages sent concurrently by several producers, each grain
    /// receives every message exactly once and each producer's messages to it in the order they were sent.
    /// </summary>
    [Fact]
    public async Task EveryGrainSeesEachProducersMessagesOnceAndInOrder()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var round = 0;
        await Task.Run(() => Prop.ForAll(
                Arb.From(Gen.ListOf(Gen.Zip(Gen.Choose(0, 7), Gen.Choose(0, 3)))),
                messages =>
                {
                    var prefix = $"r{Interlocked.Increment(ref round)}-";
                    var sent = messages.Select((m, i) => (Grain: m.Item1, Producer: m.Item2, Seq: i)).ToList();
                    Task.WaitAll([.. sent.GroupBy(m => m.Producer).Select(p => Task.Run(() =>
                    {
                        foreach (var m in p)
                        {
                            harness.Grains.GetGrain<IOrderGrain>(prefix + m.Grain).Post(static (g, a) => g.ReceiveAsync(a), (m.Producer, m.Seq));
                        }
                    }))]);

                    return sent.GroupBy(m => m.Grain).All(g =>
                    {
                        var received = harness.Grains.GetGrain<IOrderGrain>(prefix + g.Key).CallAsync(static x => x.ReceivedAsync()).GetAwaiter().GetResult();
                        return received.Count == g.Count()
                            && g.GroupBy(m => m.Producer).All(p => received.Where(r => r.Producer == p.Key).Select(r => r.Seq).SequenceEqual(p.Select(m => m.Seq)));
                    });
                }).QuickCheckThrowOnFailure());
    }
}
