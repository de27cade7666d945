using AdOrleans.MockKafka;
using AdOrleans.Pipeline.Bench;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// Mock Kafka → Orleans streams → PostgreSQL, in this process: librdkafka's mock cluster (3 brokers), a producer as a
/// gateway appends, and silos with the service's wiring (<see cref="BenchSilo"/>), one after the other on one database.
/// Phases: warm-up (uncounted), backlog drain, produce + consume, lag, and optionally the drain of the baseline's own
/// round-robin workload. After each, the committed totals must equal what was appended, exactly.
/// </summary>
internal sealed class PipelineBench(BenchOptions options, BenchDatabase db, Producer producer, string dataDirectory)
{
    private readonly Workload _skewed = new("skewed", options.Keys, options.Zipf);
    private readonly Ledger _ledger = new(options.Keys, options.Users);
    private BenchSilo? _silo;

    public sealed record Drain(double Rate, Usage Usage);

    public sealed record Results(Drain? Drain, double? LiveRate, double? ProduceRate, double? LagP50, double? LagP99, Drain? Cyclic);

    public static async Task<Results> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using var db = await BenchDatabase.CreateAsync(options.Postgres, cancellationToken);
        using var kafka = MockCluster.Start(3, Topics.All.ToDictionary(t => t, _ => options.Partitions));
        await using var producer = new Producer(kafka.BootstrapServers, options.Partitions, options.Compression);
        var dataDirectory = Directory.CreateTempSubdirectory("adorleans-dbench-").FullName;
        var bench = new PipelineBench(options, db, producer, dataDirectory);
        try
        {
            return await bench.RunAsync(cancellationToken);
        }
        finally
        {
            if (bench._silo is not null)
            {
                await bench._silo.DisposeAsync();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private async Task<Results> RunAsync(CancellationToken cancellationToken)
    {
        var (distinct, topShare) = Workload.Describe(_skewed.KeyIndexes(options.Events));
        Console.WriteLine(
            $"# pipeline: mock Kafka (3 brokers, {options.Partitions} partitions per topic, producer compression {options.Compression}) -> Orleans streams -> PostgreSQL {db.Name}; " +
            $"skewed = Zipf(s={Format(options.Zipf, "0.0#")}) over {options.Keys:N0} campaign keys ({distinct} drawn, top key {Format(100 * topShare, "0.0")} % of events)");

        await WarmUpAsync(cancellationToken);
        var drain = options.Runs("drain") ? await DrainAsync("drain", _ledger.Messages(_skewed.KeyIndexes(options.Events)), cancellationToken) : null;
        var (live, produce) = options.Runs("live") ? await LiveAsync(cancellationToken) : (null, null);
        var (p50, p99) = options.Runs("lag") ? await LagAsync(cancellationToken) : (null, null);
        var cyclic = options.Runs("drain-cyclic") ? await DrainAsync("drain-cyclic", _ledger.CyclicMessages(options.Events), cancellationToken) : null;
        await _silo!.StopAsync();
        return new Results(drain, live, produce, p50, p99, cyclic);
    }

    /// <summary>
    /// Not measured: JIT, tiering, connection pools, Orleans' own start-up paths, as in a silo that has been up a while.
    /// Rounds of events produced and consumed at once (the baseline's warm-up was one such round of 50,000) until a round
    /// compiles fewer than 100 methods (at most 10), then one drain by a second silo, which runs paths the first did not.
    /// With only the baseline's one round, the measured drain ran much of its hot code at tier 0 or instrumented tier 0
    /// (9,000 methods and 7.7 s of JIT time inside an 11 s drain, 27 CPU-us per event against 14.8 with
    /// DOTNET_TieredCompilation=0). With the runtime's default call-counting delay the rounds never get below 100 methods
    /// (every method compiled restarts the delay); the scripts run this with DOTNET_TC_CallCountingDelayMs=0.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        const int MaxRounds = 10;
        await StartSiloAsync(cancellationToken);
        var rounds = new List<long>();
        do
        {
            var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
            await AppendAsync(_skewed.KeyIndexes(options.WarmUp), cancellationToken);
            await SettleAsync(cancellationToken);
            rounds.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - jit);
        }
        while (rounds[^1] >= 100 && rounds.Count < MaxRounds);

        Console.WriteLine($"# warm-up: {rounds.Count} rounds of {options.WarmUp:N0} events produced and consumed (methods JIT-compiled per round: {string.Join(", ", rounds)})");
        if (options.Runs("drain") || options.Runs("drain-cyclic"))
        {
            await DrainAsync("warm-up", _ledger.Messages(_skewed.KeyIndexes(options.WarmUp)), cancellationToken);
        }
    }

    /// <summary>
    /// The silo's own capacity: N events appended while no silo runs, then a new silo (this process, so the code is
    /// compiled) starts on them. The clock starts when it is ready (owns every partition) and stops when every event
    /// is counted in committed state; events it committed before it reported ready are not counted in the rate.
    /// </summary>
    private async Task<Drain> DrainAsync(string phase, List<LogMessage> messages, CancellationToken cancellationToken)
    {
        await _silo!.StopAsync();
        await _silo.DisposeAsync();
        _silo = null;
        var events = messages.Count;
        var keys = messages.Select(m => m.Key).Distinct().Count();
        var topShare = messages.GroupBy(m => m.Key).Max(g => g.Count()) / (double)events;
        var appendRate = events / (await producer.AppendAsync(messages, cancellationToken)).TotalSeconds;
        messages = [];
        var ends = producer.Ends;
        var from = await db.VisibleAsync(ends.Length, cancellationToken);
        producer.EnsureRetained(from);
        var before = from.Sum();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // the appended batches are garbage now: not the silo's GC work

        Console.WriteLine($"# {phase}: {events:N0} events appended at {Format(appendRate)}/s with no silo running; starting one");
        var load = LoadAverage();
        var clock = Stopwatch.StartNew();
        await StartSiloAsync(cancellationToken);
        var ready = clock.Elapsed;
        var counters = ProcessCounters.Now();
        var early = (await db.VisibleAsync(ends.Length, cancellationToken)).Sum() - before;
        var partitionsDone = await Committed.VisibleAsync(db, ends, options.Stall, cancellationToken);
        var done = clock.Elapsed;
        var used = ProcessCounters.Now().Since(counters, events - early, done - ready);
        await Committed.CheckpointedAsync(db, ends, options.Stall, cancellationToken);
        var checkpointed = clock.Elapsed;
        await db.VerifyAsync(_ledger, options.Partitions, cancellationToken);

        var rate = (events - early) / (done - ready).TotalSeconds;
        Console.WriteLine(
            $"{(phase == "warm-up" ? "# (not measured)" : "RUN")} phase={phase} events={events} keys={options.Keys} distinct_keys={keys} top_key_share={Format(topShare, "0.000")} " +
            $"events_per_s={Format(rate)} drain_s={Format((done - ready).TotalSeconds, "0.000")} committed_before_ready={early} " +
            $"start_to_ready_s={Format(ready.TotalSeconds, "0.000")} events_per_s_from_start={Format(events / done.TotalSeconds)} " +
            $"checkpoint_s={Format((checkpointed - ready).TotalSeconds, "0.000")} append_events_per_s={Format(appendRate)} " +
            $"{used} partition_events={string.Join(",", ends.Select((e, p) => e - from[p]))} " +
            $"partition_done_s={string.Join(",", partitionsDone.Select(t => Format(t.TotalSeconds, "0.00")))} " +
            $"loadavg_start={load} loadavg_end={LoadAverage()}");
        return new Drain(rate, used);
    }

    /// <summary>N events produced flat out while the silo consumes: clock from the first append to every event committed.</summary>
    private async Task<(double?, double?)> LiveAsync(CancellationToken cancellationToken)
    {
        var messages = _ledger.Messages(_skewed.KeyIndexes(options.Events));
        var load = LoadAverage();
        var counters = ProcessCounters.Now();
        var clock = Stopwatch.StartNew();
        var produced = await producer.AppendAsync(messages, cancellationToken);
        await Committed.VisibleAsync(db, producer.Ends, options.Stall, cancellationToken);
        var done = clock.Elapsed;
        var used = ProcessCounters.Now().Since(counters, messages.Count, done);
        await SettleAsync(cancellationToken);

        var rate = messages.Count / done.TotalSeconds;
        var produceRate = messages.Count / produced.TotalSeconds;
        Console.WriteLine(
            $"RUN phase=live events={messages.Count} events_per_s={Format(rate)} produce_events_per_s={Format(produceRate)} " +
            $"total_s={Format(done.TotalSeconds, "0.000")} produce_s={Format(produced.TotalSeconds, "0.000")} " +
            $"{used} loadavg_start={load} loadavg_end={LoadAverage()}");
        return (rate, produceRate);
    }

    private async Task<(double?, double?)> LagAsync(CancellationToken cancellationToken)
    {
        var messages = _ledger.Messages(_skewed.KeyIndexes(options.LagRate * options.LagSeconds));
        // What the silo costs with no traffic at all (16 queues polled every 10 ms, the Kafka reader, Orleans' own timers,
        // the in-process mock brokers): at a paced rate that cost is spread over few events.
        var idle = ProcessCounters.Now();
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var idleUsage = ProcessCounters.Now().Since(idle, 1, TimeSpan.FromSeconds(3));
        Console.WriteLine(
            $"RUN phase=idle seconds=3 cores_busy={Format(idleUsage.CoresBusy, "0.00")} postgres_cores_busy={Format(idleUsage.PostgresUsPerEvent / 3e6, "0.00")} " +
            $"loadavg={LoadAverage()}");

        Console.WriteLine($"# lag: {options.LagRate:N0} events/s for {options.LagSeconds} s");
        var load = LoadAverage();
        var counters = ProcessCounters.Now();
        var clock = Stopwatch.StartNew();
        var result = await LagProbe.RunAsync(db, producer, messages, options.LagRate, options.Stall, cancellationToken);
        var used = ProcessCounters.Now().Since(counters, messages.Count, clock.Elapsed);
        await SettleAsync(cancellationToken);

        var lags = result.LagsMs;
        lags.Sort();
        if (lags.Count != messages.Count)
        {
            throw new BenchmarkFailedException($"lag: {lags.Count} of {messages.Count} events were seen committed.");
        }

        var (p50, p99) = (Stats.Percentile(lags, 0.50), Stats.Percentile(lags, 0.99));
        Console.WriteLine(
            $"RUN phase=lag rate_per_s={options.LagRate} seconds={options.LagSeconds} events={messages.Count} achieved_rate_per_s={Format(result.AchievedRate)} " +
            $"p50_ms={Format(p50, "0.0")} p90_ms={Format(Stats.Percentile(lags, 0.90), "0.0")} p99_ms={Format(p99, "0.0")} max_ms={Format(lags[^1], "0.0")} " +
            $"measured=append_acknowledged_to_counted_in_committed_state poll_ms=10 {used} loadavg_start={load} loadavg_end={LoadAverage()}");
        return (p50, p99);
    }

    private async Task StartSiloAsync(CancellationToken cancellationToken)
    {
        _silo = new BenchSilo(producer.BootstrapServers, db.ConnectionString, options.Partitions, dataDirectory);
        await _silo.StartAsync(cancellationToken);
    }

    private async Task<TimeSpan> AppendAsync(int[] keyIndexes, CancellationToken cancellationToken) =>
        await producer.AppendAsync(_ledger.Messages(keyIndexes), cancellationToken);

    /// <summary>Waits for the running silo to commit and checkpoint everything, then checks every total.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        await Committed.VisibleAsync(db, producer.Ends, options.Stall, cancellationToken);
        await Committed.CheckpointedAsync(db, producer.Ends, options.Stall, cancellationToken);
        await db.VerifyAsync(_ledger, options.Partitions, cancellationToken);
    }
}
