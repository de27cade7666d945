using System.Diagnostics;
using AdOrleans.Bench;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using static AdOrleans.Pipeline.Bench.Machine;

namespace AdOrleans.Pipeline.Bench;

/// <summary>Freshness (append acknowledged → visible in the grain) and idle memory per activation, on one running silo.</summary>
internal static class Measurements
{
    private const int FreshKeys = 20;

    public static async Task RunAsync(string dir, bool freshness, bool memory, CancellationToken cancellationToken)
    {
        var rate = EnvInt("PIPELINE_BENCH_FRESHNESS_RATE", 200);
        var seconds = EnvInt("PIPELINE_BENCH_FRESHNESS_SECONDS", 10);
        var grains = EnvInt("PIPELINE_BENCH_MEMORY_GRAINS", 20_000);
        await using var silo = new SiloHost(dir);
        await silo.StartAsync(cancellationToken);
        var factory = silo.Services.GetRequiredService<IGrainFactory>();
        long appended = 0;
        var nextEventId = 10_000_000;

        // Warm: one event on each freshness key (activates their grains, JIT-compiles the path), then idle for 2 s.
        await silo.Log.AppendAsync(Topics.Events, [.. Enumerable.Range(0, FreshKeys).Select(k => PipelineRun.Message(nextEventId++, k, DateTimeOffset.UtcNow))], cancellationToken);
        appended += FreshKeys;
        await PipelineRun.WaitForAsync(silo, appended, cancellationToken);
        await Task.Delay(2000, cancellationToken);

        if (freshness)
        {
            var latencies = await FreshnessAsync(silo, factory, rate, seconds, () => nextEventId++, cancellationToken);
            appended += latencies.Count;
            latencies.Sort();
            Console.WriteLine(
                $"RESULT freshness rate_per_s={rate} seconds={seconds} events={latencies.Count} keys={FreshKeys} " +
                $"p50_ms={Format(Percentile(latencies, 0.50), "0.0")} p90_ms={Format(Percentile(latencies, 0.90), "0.0")} " +
                $"p99_ms={Format(Percentile(latencies, 0.99), "0.0")} max_ms={Format(latencies[^1], "0.0")} " +
                $"measured=append_acknowledged_to_visible_in_IEventAggregatorGrain.GetTotalsAsync poll_interval_ms=1 loadavg={LoadAverage()}");
            await PipelineRun.WaitForAsync(silo, appended, cancellationToken);
        }

        if (memory)
        {
            await Task.Delay(1000, cancellationToken);
            var before = await SnapshotAsync(factory);
            var keys = Enumerable.Range(1_000_000, grains).ToArray();
            await PipelineRun.AppendAsync(silo.Log, keys, nextEventId, cancellationToken);
            nextEventId += grains;
            appended += grains;
            await PipelineRun.WaitForAsync(silo, appended, cancellationToken);
            await Task.Delay(3000, cancellationToken); // let the last checkpoint and cache purge happen
            var delivered = await SnapshotAsync(factory);
            Report("delivered", grains, before, delivered,
                "one pageview per new key: its KeyAggregate in its partition's aggregator grain (totals + KPI state), the receivers' eventId window (~100 B per event); no grain activation per key");

            // PIPELINE_BENCH_MEMORY_HOLD_SECONDS: stay idle here so a heap dump (dotnet-gcdump collect -p PID) can be taken.
            var hold = EnvInt("PIPELINE_BENCH_MEMORY_HOLD_SECONDS", 0);
            if (hold > 0)
            {
                Console.WriteLine($"# memory: holding {hold} s for a heap dump, pid {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(hold), cancellationToken);
            }

            // Bare activations: ICampaignGrain.GetAsync on 20,000 keys with no campaign (no state found, no stream).
            var bare = Enumerable.Range(2_000_000, grains).Select(k => $"c-{k}").ToArray();
            for (var start = 0; start < bare.Length; start += 500)
            {
                await Task.WhenAll(bare.Skip(start).Take(500).Select(k => factory.GetGrain<ICampaignGrain>(k).GetAsync()));
            }

            var called = await SnapshotAsync(factory);
            Report("get_only", grains, delivered, called,
                "ICampaignGrain.GetAsync on new keys: the activation, its empty state (SQLite read miss) and Orleans' catalog/directory entries only");
        }

        await silo.StopAsync(TimeSpan.FromSeconds(60));
    }

    private static Task<EventTotals?> TotalsAsync(SiloHost silo, IGrainFactory factory, string key) =>
        factory.ForLogKey(key, silo.Log.PartitionCount(Topics.Events)).GetTotalsAsync(key);

    private static async Task<List<double>> FreshnessAsync(
        SiloHost silo, IGrainFactory factory, int rate, int seconds, Func<int> nextEventId, CancellationToken cancellationToken)
    {
        var expected = new long[FreshKeys];
        for (var k = 0; k < FreshKeys; k++)
        {
            expected[k] = (await TotalsAsync(silo, factory, $"c-{k}"))?.Events ?? 0;
        }

        var pending = new List<(int Key, long Count, long AckedAt)>();
        var latencies = new List<double>();
        var gate = new object();
        var total = rate * seconds;
        var sent = 0;
        var clock = Stopwatch.StartNew();

        var poller = Task.Run(async () =>
        {
            var stall = Stopwatch.StartNew();
            while (true)
            {
                int[] keys;
                lock (gate)
                {
                    if (Volatile.Read(ref sent) == total && pending.Count == 0)
                    {
                        return;
                    }

                    keys = [.. pending.Select(p => p.Key).Distinct()];
                }

                if (keys.Length > 0)
                {
                    var counts = await Task.WhenAll(keys.Select(async k => (Key: k, Events: (await TotalsAsync(silo, factory, $"c-{k}"))?.Events ?? 0)));
                    var seenAt = clock.ElapsedTicks;
                    lock (gate)
                    {
                        foreach (var (key, events) in counts)
                        {
                            foreach (var p in pending.Where(p => p.Key == key && p.Count <= events).ToList())
                            {
                                latencies.Add((seenAt - p.AckedAt) * 1000.0 / Stopwatch.Frequency);
                                pending.Remove(p);
                                stall.Restart();
                            }
                        }
                    }
                }

                if (stall.Elapsed > PipelineRun.StallTimeout)
                {
                    throw new BenchmarkFailedException($"freshness: {pending.Count} appended events not visible for {PipelineRun.StallTimeout.TotalSeconds:0} s.");
                }

                await Task.Delay(1, cancellationToken);
            }
        }, cancellationToken);

        // Open loop: event i is appended at i/rate s, whether or not earlier appends are acknowledged.
        var appends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var key = i % FreshKeys;
            var count = ++expected[key];
            var message = PipelineRun.Message(nextEventId(), key, DateTimeOffset.UtcNow);
            appends.Add(Task.Run(async () =>
            {
                await silo.Log.AppendAsync(Topics.Events, [message], cancellationToken);
                var ackedAt = clock.ElapsedTicks;
                lock (gate)
                {
                    pending.Add((key, count, ackedAt));
                    Interlocked.Increment(ref sent);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(appends);
        await poller;
        return latencies;
    }

    private sealed record Snapshot(long ManagedBytes, long CommittedBytes, long RssBytes, Dictionary<string, int> Activations);

    private static async Task<Snapshot> SnapshotAsync(IGrainFactory factory)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var stats = await factory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var activations = stats.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        return new Snapshot(managed, GC.GetGCMemoryInfo().TotalCommittedBytes, process.WorkingSet64, activations);
    }

    private static void Report(string how, int keys, Snapshot before, Snapshot after, string includes)
    {
        var added = after.Activations.Sum(a => a.Value) - before.Activations.Sum(a => a.Value);
        var byType = string.Join(",", after.Activations
            .Select(a => (Type: a.Key, Added: a.Value - before.Activations.GetValueOrDefault(a.Key)))
            .Where(a => a.Added != 0).OrderByDescending(a => a.Added).Select(a => $"{ShortType(a.Type)}:{a.Added}"));
        var managed = after.ManagedBytes - before.ManagedBytes;
        var rss = after.RssBytes - before.RssBytes;
        Console.WriteLine(
            $"RESULT memory mode={how} keys={keys} activations_added={added} by_type={byType} " +
            $"managed_bytes_per_key={Format((double)managed / keys)} managed_bytes_per_activation={Format((double)managed / Math.Max(1, added))} " +
            $"gc_committed_bytes_per_key={Format((double)(after.CommittedBytes - before.CommittedBytes) / keys)} " +
            $"rss_bytes_per_key={Format((double)rss / keys)} rss_bytes_per_activation={Format((double)rss / Math.Max(1, added))} " +
            $"managed_mib_before={Format(before.ManagedBytes / 1048576.0, "0.0")} managed_mib_after={Format(after.ManagedBytes / 1048576.0, "0.0")} " +
            $"rss_mib_before={Format(before.RssBytes / 1048576.0, "0.0")} rss_mib_after={Format(after.RssBytes / 1048576.0, "0.0")}");
        Console.WriteLine($"# memory mode={how} includes: {includes}");
    }

    private static string ShortType(string type) => type.Split(',')[0].Split('.')[^1].Trim();

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
