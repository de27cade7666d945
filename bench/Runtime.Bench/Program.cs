using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AdOrleans.Runtime;
using AdOrleans.Runtime.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/Runtime.Bench -- [turns|baseline|calls|memory|all]
//        [--messages N] [--calls N] [--grains G] [--producers P] [--reps R] [--memory-grains G]
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var opts = Options.Parse(args);

Console.WriteLine($"# AdOrleans runtime benchmark: {mode}");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, server GC: {GCSettings.IsServerGC}, GC latency: {GCSettings.LatencyMode}");
#if DEBUG
Console.WriteLine("WARNING: Debug build, numbers are meaningless; use -c Release");
#endif
Console.WriteLine($"options: messages={opts.Messages:N0} calls={opts.Calls:N0} grains={opts.Grains:N0} producers={opts.Producers} reps={opts.Reps} memory-grains={opts.MemoryGrains:N0}");
Console.WriteLine();

var results = new List<(string Name, string Value)>();
double? turnsPerSec = null, baselinePerSec = null;

if (mode is "turns" or "all")
{
    turnsPerSec = Benchmarks.Turns(opts);
    results.Add(("one-way turns/s (median)", $"{turnsPerSec:N0}"));
}

if (mode is "sparse" or "all")
{
    var sparse = Benchmarks.SparseTurns(opts);
    results.Add(("one-way turns/s, 1 message per grain per wave (median)", $"{sparse:N0}"));
}

if (mode is "baseline" or "all")
{
    baselinePerSec = Benchmarks.Baseline(opts);
    results.Add(("baseline Dictionary updates/s (median)", $"{baselinePerSec:N0}"));
}

if (mode is "calls" or "all")
{
    var calls = Benchmarks.Calls(opts);
    results.Add(("request/response calls/s (median)", $"{calls:N0}"));
}

if (mode is "memory" or "all")
{
    var (perActivation, grainOwn) = Benchmarks.Memory(opts);
    results.Add(("bytes per idle activation (median, all-in)", $"{perActivation:N0}"));
    results.Add(("  of which the grain object + its state", $"{grainOwn:N0}"));
    results.Add(("  runtime overhead per activation", $"{perActivation - grainOwn:N0}"));
}

if (turnsPerSec is { } t && baselinePerSec is { } b)
{
    results.Add(("ratio runtime / baseline", $"{t / b:P1}"));
}

Console.WriteLine();
Console.WriteLine("## Summary");
foreach (var (name, value) in results)
{
    Console.WriteLine($"{name,-45} {value}");
}

internal sealed record Options(long Messages, long Calls, int Grains, int Producers, int Reps, int MemoryGrains)
{
    public static Options Parse(string[] args)
    {
        long Get(string name, long fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }

        var options = new Options(
            Messages: Get("--messages", 6_000_000),
            Calls: Get("--calls", 1_000_000),
            Grains: (int)Get("--grains", 100_000),
            Producers: (int)Get("--producers", 2),
            Reps: (int)Get("--reps", 7),
            MemoryGrains: (int)Get("--memory-grains", 200_000));
        if (options.Messages % options.Grains != 0 || options.Calls % options.Grains != 0)
        {
            throw new ArgumentException("--messages and --calls must be multiples of --grains (every grain gets the same count).");
        }

        return options;
    }
}

internal static class Benchmarks
{
    private const int CallWindow = 1024;
    private static TimeSpan LastPostingTime;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static ServiceProvider BuildHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddGrainRuntime();
        services.AddGrain<ICounterGrain, CounterGrain>("counter");
        services.AddGrain<ICallGrain, CallGrain>("call");
        services.AddGrain<ITinyGrain, TinyGrain>("tiny");
        services.AddSingleton<IGrainStateStore, InMemoryGrainStateStore>();
        return services.BuildServiceProvider();
    }

    public static string[] Keys(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D7}")];

    /// <summary>User + kernel CPU time of the whole process: robust against other tenants of the 2 cores.</summary>
    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Fail(string message)
    {
        Console.Error.WriteLine($"BENCHMARK FAILED: {message}");
        Environment.Exit(1);
    }

    private static void Report(string name, List<double> perSecond, string unit)
    {
        Console.WriteLine($"{name}: median {Median(perSecond):N0} {unit}, min {perSecond.Min():N0}, max {perSecond.Max():N0}, runs {perSecond.Count}");
    }

    /// <summary>Runs <paramref name="body"/>(producerIndex, from, to) on P dedicated threads, all released at once.</summary>
    private static Thread[] StartProducers(int producers, long total, Action<long, long> body, ManualResetEventSlim go)
    {
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            var from = total * p / producers;
            var to = total * (p + 1) / producers;
            threads[p] = new Thread(() =>
            {
                go.Wait();
                body(from, to);
            }) { IsBackground = true, Name = $"producer-{p}" };
            threads[p].Start();
        }

        return threads;
    }

    // ---------------------------------------------------------------- 1. one-way turns

    public static double Turns(Options o)
    {
        CounterGrain.All.Clear();
        using var host = BuildHost();
        var factory = host.GetRequiredService<GrainCatalog>();
        var keys = Keys("counter", o.Grains);
        var perGrain = o.Messages / o.Grains;
        long target = 0;

        // Activation pass (not timed as turns), then a warm-up pass for the JIT (tiered PGO) and the thread pool.
        var sw = Stopwatch.StartNew();
        target += 1;
        RunPosts(factory, keys, o.Grains, o.Producers, target, "activation");
        Console.WriteLine($"activated {o.Grains:N0} grains in {sw.Elapsed.TotalMilliseconds:N0} ms ({o.Grains / sw.Elapsed.TotalSeconds:N0} activations/s)");
        target += perGrain;
        RunPosts(factory, keys, o.Messages, o.Producers, target, "warm-up");

        var rates = new List<double>();
        for (var rep = 0; rep < o.Reps; rep++)
        {
            target += perGrain;
            var gen0 = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            var cpu = CpuTime();
            var items = ThreadPool.CompletedWorkItemCount;
            var elapsed = RunPosts(factory, keys, o.Messages, o.Producers, target, $"rep {rep}");
            var turnsPerItem = o.Messages / (double)(ThreadPool.CompletedWorkItemCount - items);
            var cpuNs = (CpuTime() - cpu).TotalNanoseconds / o.Messages;
            var rate = o.Messages / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"  turns rep {rep}: {o.Messages:N0} one-way messages to {o.Grains:N0} grains in {elapsed.TotalMilliseconds:N0} ms = {rate:N0} turns/s, {cpuNs:N0} CPU-ns/turn, {turnsPerItem:N1} turns/work item, {ThreadPool.ThreadCount} pool threads (all posted after {LastPostingTime.TotalMilliseconds:N0} ms; gen0 GCs {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2})");
        }

        // Loud verification: every message ran exactly once.
        var grains = CounterGrain.All.ToArray();
        var expectedTotal = target * o.Grains;
        var total = grains.Sum(g => g.Count);
        var wrong = grains.Count(g => g.Count != target);
        var snapshot = factory.Snapshot().Single(s => s.GrainType == "counter");
        if (grains.Length != o.Grains || total != expectedTotal || wrong != 0 || snapshot.Failures != 0 || snapshot.Turns != expectedTotal)
        {
            Fail($"turns: activations {grains.Length} (expected {o.Grains}), total {total} (expected {expectedTotal}), grains with wrong count {wrong}, failures {snapshot.Failures}, runtime turn metric {snapshot.Turns}");
        }

        Console.WriteLine($"verified: {o.Grains:N0} activations, {total:N0} turns in total, every grain at {target}, 0 failures");
        Report("one-way turns", rates, "turns/s");
        return Median(rates);
    }

    /// <summary>
    /// Worst case for the mailbox: waves of exactly one message per grain, each wave waited for, so
    /// every message finds an idle grain and costs a thread-pool work item (no batching in a slice).
    /// </summary>
    public static double SparseTurns(Options o)
    {
        CounterGrain.All.Clear();
        using var host = BuildHost();
        var factory = host.GetRequiredService<GrainCatalog>();
        var keys = Keys("counter", o.Grains);
        var waves = (int)(o.Messages / o.Grains);
        long target = 1;
        RunPosts(factory, keys, o.Grains, o.Producers, target, "activation");
        for (var w = 0; w < waves; w++)
        {
            RunPosts(factory, keys, o.Grains, o.Producers, ++target, "sparse warm-up");
        }

        var rates = new List<double>();
        for (var rep = 0; rep < o.Reps; rep++)
        {
            var elapsed = TimeSpan.Zero;
            var cpu = CpuTime();
            var items = ThreadPool.CompletedWorkItemCount;
            for (var w = 0; w < waves; w++)
            {
                elapsed += RunPosts(factory, keys, o.Grains, o.Producers, ++target, $"sparse rep {rep} wave {w}");
            }

            var cpuNs = (CpuTime() - cpu).TotalNanoseconds / (waves * (double)o.Grains);
            var turnsPerItem = waves * (double)o.Grains / (ThreadPool.CompletedWorkItemCount - items);
            var rate = waves * (double)o.Grains / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"  sparse rep {rep}: {waves} waves x {o.Grains:N0} grains (1 message each) in {elapsed.TotalMilliseconds:N0} ms = {rate:N0} turns/s, {cpuNs:N0} CPU-ns/turn, {turnsPerItem:N2} turns/work item, {ThreadPool.ThreadCount} pool threads");
        }

        var grains = CounterGrain.All.ToArray();
        var total = grains.Sum(g => g.Count);
        var snapshot = factory.Snapshot().Single(s => s.GrainType == "counter");
        if (grains.Length != o.Grains || total != target * o.Grains || grains.Any(g => g.Count != target) || snapshot.Failures != 0 || snapshot.Turns != total)
        {
            Fail($"sparse: activations {grains.Length}, total {total} (expected {target * o.Grains}), failures {snapshot.Failures}, runtime turn metric {snapshot.Turns}");
        }

        Console.WriteLine($"verified: {total:N0} turns in total, every grain at {target}, 0 failures");
        Report("sparse one-way turns", rates, "turns/s");
        return Median(rates);
    }

    private static TimeSpan RunPosts(GrainCatalog factory, string[] keys, long messages, int producers, long target, string what)
    {
        var done = Progress.Reset(target, keys.Length);
        using var go = new ManualResetEventSlim();
        var grainCount = keys.Length;
        var sw = new Stopwatch();
        var producing = producers;
        var threads = StartProducers(producers, messages, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                factory.GetGrain<ICounterGrain>(keys[i % grainCount]).Post(static (g, a) => g.AddAsync(a), 1);
            }

            if (Interlocked.Decrement(ref producing) == 0)
            {
                LastPostingTime = sw.Elapsed;
            }
        }, go);
        sw.Start();
        go.Set();
        if (!done.Wait(Timeout))
        {
            var sum = CounterGrain.All.Sum(g => g.Count);
            Fail($"{what}: {Progress.Remaining:N0} grains never reached {target} within {Timeout}; messages lost? total counted {sum:N0}");
        }

        var elapsed = sw.Elapsed;
        foreach (var t in threads)
        {
            t.Join();
        }

        return elapsed;
    }

    // ---------------------------------------------------------------- 2. physical limit

    public static double Baseline(Options o)
    {
        var keys = Keys("counter", o.Grains);
        var dict = new Dictionary<string, long>(o.Grains, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            dict[key] = 0;
        }

        var grainCount = keys.Length;
        var rates = new List<double>();
        for (var rep = -1; rep < o.Reps; rep++)
        {
            var sw = Stopwatch.StartNew();
            Loop(dict, keys, o.Messages, grainCount);
            var elapsed = sw.Elapsed;
            if (rep < 0)
            {
                continue; // warm-up
            }

            var rate = o.Messages / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"  baseline rep {rep}: {o.Messages:N0} Dictionary<string,long> updates on 1 thread in {elapsed.TotalMilliseconds:N0} ms = {rate:N0} ops/s");
        }

        var expected = o.Messages * (o.Reps + 1);
        if (dict.Values.Sum() != expected)
        {
            Fail($"baseline total {dict.Values.Sum()} != {expected}");
        }

        Report("baseline", rates, "updates/s");
        return Median(rates);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void Loop(Dictionary<string, long> dict, string[] keys, long messages, int grainCount)
        {
            for (long i = 0; i < messages; i++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(dict, keys[i % grainCount], out _) += 1;
            }
        }
    }

    // ---------------------------------------------------------------- 3. request/response

    public static double Calls(Options o)
    {
        using var host = BuildHost();
        var factory = host.GetRequiredService<GrainCatalog>();
        var keys = Keys("call", o.Grains);
        var grainCount = keys.Length;

        void RunCalls(long calls)
        {
            using var go = new ManualResetEventSlim();
            var threads = StartProducers(o.Producers, calls, (from, to) =>
            {
                // Each producer keeps up to CallWindow calls in flight, then waits for all of them.
                var window = new Task<long>[CallWindow];
                var n = 0;
                for (var i = from; i < to; i++)
                {
                    window[n++] = factory.GetGrain<ICallGrain>(keys[i % grainCount]).CallAsync(static (g, a) => g.IncrementAsync(a), 1);
                    if (n == CallWindow || i == to - 1)
                    {
                        if (!Task.WaitAll(window.AsSpan(0, n).ToArray(), Timeout))
                        {
                            Fail("calls: a call did not complete within the timeout");
                        }

                        n = 0;
                    }
                }
            }, go);
            go.Set();
            foreach (var t in threads)
            {
                t.Join();
            }
        }

        RunCalls(grainCount); // activation
        RunCalls(o.Calls);    // warm-up
        var rates = new List<double>();
        for (var rep = 0; rep < o.Reps; rep++)
        {
            var cpu = CpuTime();
            var sw = Stopwatch.StartNew();
            RunCalls(o.Calls);
            var elapsed = sw.Elapsed;
            var cpuNs = (CpuTime() - cpu).TotalNanoseconds / o.Calls;
            var rate = o.Calls / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"  calls rep {rep}: {o.Calls:N0} CallAsync (window {CallWindow}/producer) in {elapsed.TotalMilliseconds:N0} ms = {rate:N0} calls/s, {cpuNs:N0} CPU-ns/call");
        }

        // Sequential round trip latency: one caller, one call at a time.
        var one = factory.GetGrain<ICallGrain>(keys[0]);
        const int roundTrips = 20_000;
        var rt = Stopwatch.StartNew();
        for (var i = 0; i < roundTrips; i++)
        {
            one.CallAsync(static (g, a) => g.IncrementAsync(a), 1).GetAwaiter().GetResult();
        }

        Console.WriteLine($"  sequential round trip (1 caller, blocking): {rt.Elapsed.TotalMicroseconds / roundTrips:N1} µs/call");

        var expected = grainCount + o.Calls * (o.Reps + 1) + roundTrips;
        var total = CallGrain.All.Sum(g => g.Count);
        if (total != expected || CallGrain.All.Count != grainCount)
        {
            Fail($"calls: total {total} != {expected} or activations {CallGrain.All.Count} != {grainCount}");
        }

        Console.WriteLine($"verified: {total:N0} increments in total");
        Report("request/response calls", rates, "calls/s");
        return Median(rates);
    }

    // ---------------------------------------------------------------- 4. memory per idle activation

    public static (double PerActivation, double GrainOwn) Memory(Options o)
    {
        var grainOwn = GrainOwnBytes();
        var perActivation = new List<double>();
        for (var rep = 0; rep < 5; rep++)
        {
            perActivation.Add(MeasureOnce(o.MemoryGrains, rep));
        }

        Console.WriteLine($"grain object + TinyState (allocated by the grain's constructor): {grainOwn:N0} bytes");
        Console.WriteLine($"memory: median {Median(perActivation):N0} bytes/activation, min {perActivation.Min():N0}, max {perActivation.Max():N0}");
        return (Median(perActivation), grainOwn);
    }

    private static long GrainOwnBytes()
    {
        const int n = 1000;
        var keep = new TinyGrain[n];
        keep[0] = new TinyGrain();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            keep[i] = new TinyGrain();
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
        GC.KeepAlive(keep);
        return bytes;
    }

    private static (long Total, long Heap) FullGc()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return (GC.GetTotalMemory(forceFullCollection: true), GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }

    private static double MeasureOnce(int grains, int rep)
    {
        var host = BuildHost();
        var factory = host.GetRequiredService<GrainCatalog>();
        var keys = Keys("tiny", grains);

        // Warm the code paths with a few grains of another host so JIT/static data is not counted.
        if (rep == 0)
        {
            using var warm = BuildHost();
            var wf = warm.GetRequiredService<GrainCatalog>();
            var warmDone = Progress.Reset(1, 100);
            for (var i = 0; i < 100; i++)
            {
                wf.GetGrain<ITinyGrain>(keys[i]).Post(static (g, a) => g.TouchAsync(a), 1);
            }

            warmDone.Wait(Timeout);
        }

        var (totalBefore, heapBefore) = FullGc();
        var done = Progress.Reset(1, grains);
        var sw = Stopwatch.StartNew();
        foreach (var key in keys)
        {
            factory.GetGrain<ITinyGrain>(key).Post(static (g, a) => g.TouchAsync(a), 1);
        }

        if (!done.Wait(Timeout))
        {
            Fail($"memory: {Progress.Remaining} grains never activated");
        }

        var activationTime = sw.Elapsed;
        Thread.Sleep(200); // let the last workers release their activations
        var (totalAfter, heapAfter) = FullGc();
        if (factory.ActivationCount != grains)
        {
            Fail($"memory: {factory.ActivationCount} activations, expected {grains}");
        }

        var perTotal = (double)(totalAfter - totalBefore) / grains;
        var perHeap = (double)(heapAfter - heapBefore) / grains;
        Console.WriteLine($"  memory rep {rep}: {grains:N0} activations in {activationTime.TotalMilliseconds:N0} ms; GetTotalMemory delta {perTotal:N0} B/activation, GCMemoryInfo heap delta {perHeap:N0} B/activation");
        GC.KeepAlive(keys);
        GC.KeepAlive(factory);
        host.Dispose();
        return perTotal;
    }
}
