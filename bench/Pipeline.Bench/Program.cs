using System.Runtime.InteropServices;
using AdOrleans.Bench;
using AdOrleans.Pipeline.Bench;
using static AdOrleans.Pipeline.Bench.Machine;

// Embedded pipeline on Orleans, as a silo runs it: events already durable in the file log → the log stream provider
// (one queue per partition) → every grain of the events topic (one EventAggregator per partition; Campaign grains for billable events only) → state, KPI
// rollups and checkpoints committed to SQLite by the group committer. Same workloads, output and checks as the
// baseline's bench/Pipeline.Bench (branch `baseline`), each the median of [reps] runs:
//   skewed:  Zipf(s) over [campaign-keys] campaign keys (campaign-like skew)
//   uniform: [uniform-keys] keys drawn uniformly
// and, on one idle silo:
//   freshness: single events at PIPELINE_BENCH_FRESHNESS_RATE/s (200) for PIPELINE_BENCH_FRESHNESS_SECONDS (10):
//              append acknowledged → visible in IEventAggregatorGrain.GetTotalsAsync(), p50/p90/p99
//   memory:    PIPELINE_BENCH_MEMORY_GRAINS (20,000) new keys, one event each; managed heap and RSS delta per key and
//              per activation after a forced full GC; then as many GetAsync-only activations
//              (PIPELINE_BENCH_MEMORY_HOLD_SECONDS: pause after the delivered step, for a heap dump)
// Usage: dotnet run -c Release --project bench/Pipeline.Bench -- [events] [campaign-keys] [reps] [uniform-keys] [zipf-s] [workloads]
// Defaults: 1000000 1000 3 100000 1.0 skewed,uniform,freshness,memory. Lines starting with RUN / RESULT are key=value.
// Partitions of every topic: the embedded default (LogOptions.EmbeddedPartitions), or PIPELINE_BENCH_PARTITIONS.
// A run is timed from silo start to: the events queues' stored checkpoints (partition_offsets, consumer group
// 'silos') sum to the events appended AND the committed per-key event totals add up to them. Exits 1 (BENCHMARK FAILED) when
// the checkpoints do not move for PIPELINE_BENCH_STALL_SECONDS (default 120), totals are wrong or anything throws;
// 124 past BENCH_TIMEOUT_SECONDS (default 3600); Ctrl-C / SIGTERM stop it (exit 130 / 143), see bench/Shared/BenchmarkProcess.cs.
return await BenchmarkProcess.RunAsync(TimeSpan.FromHours(1), cancellationToken => RunAsync(args, cancellationToken));

static async Task RunAsync(string[] args, CancellationToken cancellationToken)
{
    var events = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
    var campaignKeys = args.Length > 1 ? int.Parse(args[1]) : 1_000;
    var reps = args.Length > 2 ? int.Parse(args[2]) : 3;
    var uniformKeys = args.Length > 3 ? int.Parse(args[3]) : 100_000;
    var zipf = args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
    var selected = (args.Length > 5 ? args[5] : "skewed,uniform,freshness,memory").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    if (selected.Except(["skewed", "uniform", "freshness", "memory"], StringComparer.OrdinalIgnoreCase).ToList() is [_, ..] unknown)
    {
        throw new ArgumentException($"Unknown workloads {string.Join(",", unknown)}; a misspelt one would be skipped silently.");
    }

    var loadAtStart = LoadAverage();
    Console.WriteLine($"# machine nproc={Environment.ProcessorCount} cpu=\"{CpuModel()}\" loadavg_start={loadAtStart} runtime=\"{RuntimeInformation.FrameworkDescription}\" gc_server={System.Runtime.GCSettings.IsServerGC}");
    Console.WriteLine($"# pipeline: {events:N0} events per run, {reps} runs per workload; skewed = Zipf(s={Format(zipf, "0.0#")}) over {campaignKeys:N0} campaign keys, uniform = {uniformKeys:N0} keys");

    var workloads = new[] { new Workload("skewed", campaignKeys, zipf), new Workload("uniform", uniformKeys, 0) }
        .Where(w => selected.Contains(w.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    var root = Path.Combine(Path.GetTempPath(), "adorleans-pipeline-bench", Guid.NewGuid().ToString("N"));
    try
    {
        if (workloads.Count > 0)
        {
            // Warm-up (JIT, tiering, SQLite, thread pool): one short uncounted run.
            var warmup = new Workload("warmup", campaignKeys, zipf).KeyIndexes(Math.Min(events, 100_000));
            var w = await PipelineRun.RunAsync(Path.Combine(root, "warmup"), warmup, cancellationToken);
            Console.WriteLine($"# warmup: {warmup.Length:N0} events, {Format(warmup.Length / w.PipelineSeconds)} events/s (not counted)");
        }

        foreach (var workload in workloads)
        {
            var keyIndexes = workload.KeyIndexes(events);
            var (distinct, topShare) = Workload.Describe(keyIndexes);
            var results = new List<RunResult>();
            for (var rep = 1; rep <= reps; rep++)
            {
                var dir = Path.Combine(root, $"{workload.Name}-{rep}");
                var r = await PipelineRun.RunAsync(dir, keyIndexes, cancellationToken);
                results.Add(r);
                Directory.Delete(dir, recursive: true);
                Console.WriteLine(
                    $"RUN workload={workload.Name} run={rep} events={events} keys={workload.Keys} distinct_keys={distinct} " +
                    $"append_events_per_s={Format(r.AppendRate)} pipeline_s={Format(r.PipelineSeconds, "0.000")} checkpoint_s={Format(r.CheckpointSeconds, "0.000")} events_per_s={Format(events / r.PipelineSeconds)} " +
                    $"cpu_user_s={Format(r.CpuUser.TotalSeconds, "0.00")} cpu_sys_s={Format(r.CpuSystem.TotalSeconds, "0.00")} " +
                    $"cpu_us_per_event={Format(r.Cpu.TotalMicroseconds / events, "0.00")} cores_busy={Format(r.Cpu.TotalSeconds / r.PipelineSeconds, "0.00")} " +
                    $"gc0={r.Gen0} gc1={r.Gen1} gc2={r.Gen2} alloc_bytes_per_event={Format(r.AllocatedBytes / (double)events, "0")} loadavg_start={r.LoadStart} loadavg_end={r.LoadEnd}");
            }

            var rates = results.Select(r => events / r.PipelineSeconds).ToList();
            Console.WriteLine(
                $"RESULT workload={workload.Name} events={events} keys={workload.Keys} distinct_keys={distinct} " +
                (workload.Skewed ? $"zipf_s={Format(zipf, "0.0#")} top_key_share={Format(topShare, "0.000")} " : "") +
                $"runs={reps} median_events_per_s={Format(Median(rates))} min_events_per_s={Format(rates.Min())} max_events_per_s={Format(rates.Max())} " +
                $"median_append_events_per_s={Format(Median(results.Select(r => r.AppendRate)))} " +
                $"cpu_us_per_event={Format(Median(results.Select(r => r.Cpu.TotalMicroseconds / events)), "0.00")} " +
                $"loadavg_start={results[0].LoadStart} loadavg_end={results[^1].LoadEnd}");
        }

        var freshness = selected.Contains("freshness", StringComparer.OrdinalIgnoreCase);
        var memory = selected.Contains("memory", StringComparer.OrdinalIgnoreCase);
        if (freshness || memory)
        {
            await Measurements.RunAsync(Path.Combine(root, "idle"), freshness, memory, cancellationToken);
        }
    }
    catch (BenchmarkFailedException e)
    {
        Console.WriteLine($"RESULT status=failed message=\"{e.Message}\"");
        throw;
    }
    finally
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    Console.WriteLine($"# loadavg_end={LoadAverage()}");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
