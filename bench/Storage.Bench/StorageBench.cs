using System.Diagnostics;
using System.Globalization;
using AdOrleans.Grains;
using AdOrleans.Grains.Ads;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace AdOrleans.Storage.Bench;

/// <summary>
/// Single-grain writes: <c>inFlight</c> writers, each awaiting one grain's <c>WriteStateAsync</c> at a time over
/// grains of its own (no ETag conflicts), as that many grains of one silo would each write once per turn. The state
/// is a slot's, the state that moved to Orleans' provider. Runs alternate between the storages so that a change in
/// the machine's load hits both; each run's rate is printed with the load average, then the median of each.
/// </summary>
internal static class StorageBench
{
    private const int GrainsPerWriter = 16;

    public static async Task RunAsync(string admin, int inFlight, TimeSpan duration, int runs)
    {
        await using var silo = await BenchSilo.StartAsync(admin);
        var storages = new (string Name, IGrainStorage Storage, Grain[][] Writers, List<double> Rates)[]
        {
            ("ado-net", silo.AdoNet, await ReadGrainsAsync(silo.AdoNet, "ado-net", inFlight), []),
            ("group-commit", silo.GroupCommit, await ReadGrainsAsync(silo.GroupCommit, "group-commit", inFlight), []),
        };
        foreach (var (name, storage, writers, _) in storages)
        {
            // JIT, connection pools, and every grain's first write (an insert) stay out of the measured runs.
            Console.WriteLine($"warm-up {name}: {await MeasureAsync(storage, writers, TimeSpan.FromSeconds(3)):N0} writes/s");
        }

        for (var run = 1; run <= runs; run++)
        {
            foreach (var (name, storage, writers, rates) in storages)
            {
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                var rate = await MeasureAsync(storage, writers, duration);
                rates.Add(rate);
                Console.WriteLine($"run {run} {name}: {rate:N0} writes/s (load {load})");
            }
        }

        foreach (var (name, _, _, rates) in storages)
        {
            var sorted = rates.Order().ToList();
            Console.WriteLine($"median {name}: {sorted[sorted.Count / 2]:N0} writes/s (min {sorted[0]:N0}, max {sorted[^1]:N0})");
        }
    }

    /// <summary>Each writer's grains, activated as Orleans would: state read first, then written with its ETag.</summary>
    private static async Task<Grain[][]> ReadGrainsAsync(IGrainStorage storage, string prefix, int inFlight)
    {
        var writers = Enumerable.Range(0, inFlight)
            .Select(w => Enumerable.Range(0, GrainsPerWriter)
                .Select(i => new Grain(GrainId.Create(SlotConfig.GrainType, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{w}-{i}")), new GrainState<SlotGrainState>()))
                .ToArray())
            .ToArray();
        foreach (var grain in writers.SelectMany(w => w))
        {
            await storage.ReadStateAsync("state", grain.Id, grain.State);
        }

        return writers;
    }

    private static async Task<double> MeasureAsync(IGrainStorage storage, Grain[][] writers, TimeSpan duration)
    {
        var writes = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(writers.Select(grains => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var grain = grains[n % grains.Length];
                grain.State.State!.Slot = new SlotConfig { Id = grain.Id.Key.ToString()!, FloorMicros = n, Auction = AuctionKinds.SecondPrice, UpdatedAt = DateTimeOffset.UtcNow };
                await storage.WriteStateAsync("state", grain.Id, grain.State);
                Interlocked.Increment(ref writes);
            }
        })));
        return writes / clock.Elapsed.TotalSeconds;
    }

    private sealed record Grain(GrainId Id, GrainState<SlotGrainState> State);
}
