using System.Runtime.InteropServices;
using AdOrleans.Distributed.Bench;

// Distributed mode on Orleans, the pre-port baseline's bench/Distributed.Bench rebuilt on this code (docs/benchmarks-distributed.md):
//   drain         N skewed events appended to mock Kafka while no silo runs, then a silo (this process, warm) starts on
//                 them; ready (owns every queue) -> every event counted in committed PostgreSQL state
//   live          N skewed events produced flat out while the silo consumes; first append -> all committed
//   lag           LAG-RATE events/s paced for DISTRIBUTED_BENCH_LAG_SECONDS (10); append acknowledged -> committed
//   drain-cyclic  (not by default) the drain on the baseline's own workload, event i on key i mod K
//   auction       POST /v1/auction with wrk: a Roles=gateway process (+ a Roles=silo process) vs the embedded single process
//   leases        (not by default) budget delivery and overspend at exhaustion through 1 and 3 Roles=gateway processes
// Skewed = Zipf(DISTRIBUTED_BENCH_ZIPF, 1.0) over DISTRIBUTED_BENCH_KEYS (1000) campaign keys, as Pipeline.Bench.
// Usage: dotnet bench/Distributed.Bench/bin/Release/net10.0/AdOrleans.Distributed.Bench.dll [events=600000] [lag-rate=20000] [phases=drain,live,lag,auction]
// Other knobs: DISTRIBUTED_BENCH_WARMUP (50000), _PARTITIONS (8), _WRK_SECONDS (10), _AUCTION_ROUNDS (3), _STALL_SECONDS (120),
// _LEASE_ROUNDS (3), _LEASE_RATE (5000 auctions/s), _LEASE_BUDGET (10 units per campaign);
// ADORLEANS_BENCH_POSTGRES: a role that may create databases (default adorleans/adorleans on 127.0.0.1). Needs wrk for auction.
// Lines starting with RUN / RESULT are key=value. Exits 1 (BENCHMARK FAILED) when a committed total differs from what was
// appended, progress stops for DISTRIBUTED_BENCH_STALL_SECONDS, a request fails or anything throws; 124 past
// BENCH_TIMEOUT_SECONDS (default 1800); 130 / 143 on SIGINT / SIGTERM, after deleting its databases and processes.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return BenchmarkProcess.UsageError;
}

return await BenchmarkProcess.RunAsync(TimeSpan.FromMinutes(30), cancellationToken => RunAsync(options, cancellationToken));

static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
{
    Console.WriteLine(
        $"# machine nproc={Environment.ProcessorCount} cpu=\"{CpuModel()}\" mem_gib={Format(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, "0")} " +
        $"loadavg_start={LoadAverage()} runtime=\"{RuntimeInformation.FrameworkDescription}\" os=\"{RuntimeInformation.OSDescription}\" " +
        $"gc_server={System.Runtime.GCSettings.IsServerGC} librdkafka={Confluent.Kafka.Library.VersionString} " +
        $"DOTNET_TC_CallCountingDelayMs={Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? "unset"}");
    Console.WriteLine($"# phases={string.Join(",", BenchOptions.AllPhases.Where(options.Runs))} events={options.Events} lag_rate={options.LagRate}");
    try
    {
        var pipeline = options.RunsPipeline ? await PipelineBench.RunAsync(options, cancellationToken) : null;
        var auction = options.Runs("auction") ? await AuctionBench.RunAsync(options, cancellationToken) : null;
        var leases = options.Runs("leases") ? await LeaseBench.RunAsync(options, cancellationToken) : null;
        var fields = new List<string> { "status=ok", $"events={options.Events}", $"keys={options.Keys}", $"zipf_s={Format(options.Zipf, "0.0#")}" };
        void Add(string key, double? value, string format = "0")
        {
            if (value is { } v)
            {
                fields.Add($"{key}={Format(v, format)}");
            }
        }

        Add("drain_events_per_s", pipeline?.Drain?.Rate);
        Add("drain_cpu_us_per_event", pipeline?.Drain?.Usage.CpuUsPerEvent, "0.00");
        Add("drain_postgres_cpu_us_per_event", pipeline?.Drain?.Usage.PostgresUsPerEvent, "0.00");
        Add("live_events_per_s", pipeline?.LiveRate);
        Add("produce_events_per_s", pipeline?.ProduceRate);
        Add("lag_p50_ms", pipeline?.LagP50, "0.0");
        Add("lag_p99_ms", pipeline?.LagP99, "0.0");
        Add("drain_cyclic_events_per_s", pipeline?.Cyclic?.Rate);
        Add("drain_cyclic_cpu_us_per_event", pipeline?.Cyclic?.Usage.CpuUsPerEvent, "0.00");
        Add("auction_embedded_per_s", auction?.EmbeddedRps);
        Add("auction_gateway_per_s", auction?.GatewayRps);
        Add("auction_ratio", auction?.GatewayRps / auction?.EmbeddedRps, "0.000");
        Add("auction_embedded_cpu_us", auction?.EmbeddedCpuUs, "0.0");
        Add("auction_gateway_cpu_us", auction?.GatewayCpuUs, "0.0");
        Add("leases_1gw_min_spent_percent", leases?.OneSpentPercent, "0.000");
        Add("leases_1gw_max_overspend_charges", leases?.OneOverspendCharges, "0.00");
        Add("leases_1gw_longest_pause_ms", leases?.OnePauseMs);
        Add("leases_3gw_min_spent_percent", leases?.ThreeSpentPercent, "0.000");
        Add("leases_3gw_max_overspend_charges", leases?.ThreeOverspendCharges, "0.00");
        Add("leases_3gw_longest_pause_ms", leases?.ThreePauseMs);
        Console.WriteLine($"RESULT {string.Join(' ', fields)}");
    }
    catch (BenchmarkFailedException e)
    {
        Console.WriteLine($"RESULT status=failed message=\"{e.Message.Split('\n')[0]}\"");
        throw;
    }

    Console.WriteLine($"# loadavg_end={LoadAverage()}");
}
