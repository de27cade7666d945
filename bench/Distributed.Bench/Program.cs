using System.Diagnostics;
using AdOrleans.Distributed.Bench;
using AdOrleans.MockKafka;

// Usage: dotnet run -c Release --project bench/Distributed.Bench -- [events=300000] [lagRate=20000]
// Needs librdkafka1 and PostgreSQL (ADORLEANS_BENCH_POSTGRES, default the test role of .ci/run).
var events = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300_000;
var lagRate = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var admin = Environment.GetEnvironmentVariable("ADORLEANS_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres";

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
await using var database = await BenchDatabase.CreateAsync(admin);
using var kafka = MockCluster.Start(3, new[] { "commands", "events", "auctions", "state" }.ToDictionary(t => t, _ => BenchSilo.Partitions));
var workload = new Workload(keys: 1000);

const int WarmUp = 50_000;
await using (var silo = await BenchSilo.StartAsync(kafka.BootstrapServers, database.ConnectionString))
{
    // Not measured: the JIT compiles the hot paths and the connection pools fill, as in a silo that has been up a while.
    await silo.ProduceAsync(workload.Messages(WarmUp), ratePerSecond: 0);
    await silo.WaitUntilCommittedAsync(WarmUp);

    var clock = Stopwatch.StartNew();
    await silo.ProduceAsync(workload.Messages(events, first: WarmUp), ratePerSecond: 0);
    var produced = clock.Elapsed;
    await silo.WaitUntilCommittedAsync(WarmUp + events);
    var total = clock.Elapsed;
    Console.WriteLine($"system  throughput: {events} events produced and consumed at once via Kafka -> silo -> PostgreSQL in {total.TotalSeconds:F2} s = {events / total.TotalSeconds:N0} events/s (produce alone {events / produced.TotalSeconds:N0}/s)");

    var lags = await silo.MeasureLagAsync(workload.Messages(lagRate * 10, first: WarmUp + events), lagRate, WarmUp + events);
    Console.WriteLine($"system  end-to-end lag at {lagRate:N0} events/s for 10 s: p50 {Percentile(lags, 0.50):F0} ms, p99 {Percentile(lags, 0.99):F0} ms (poll resolution 10 ms)");

    var kpi = await database.TimeAsync(5, "SELECT sum((convert_from(data, 'UTF8')::jsonb->>'events')::bigint) FROM grain_state WHERE grain_type = 'event-totals'");
    Console.WriteLine($"system  KPI read (sum over 1000 committed campaign totals): median {kpi:F1} ms");
}

// The silo's own capacity: a backlog appended while no silo consumes, then drained by a silo started on it
// (same process, so the code is already compiled; the clock starts once it owns its partitions).
var consumed = WarmUp + events + lagRate * 10;
await using (var producer = await BenchSilo.StartAsync(kafka.BootstrapServers, database.ConnectionString, consume: false))
{
    await producer.ProduceAsync(workload.Messages(events, first: consumed), ratePerSecond: 0);
}

await using (var silo = await BenchSilo.StartAsync(kafka.BootstrapServers, database.ConnectionString))
{
    var clock = Stopwatch.StartNew();
    await silo.WaitUntilCommittedAsync(consumed + events);
    Console.WriteLine($"system  backlog drain: {events} events Kafka -> silo -> PostgreSQL in {clock.Elapsed.TotalSeconds:F2} s = {events / clock.Elapsed.TotalSeconds:N0} events/s");
}

var copy = await database.CopyEventsAsync(workload.Rows(events));
Console.WriteLine($"baseline COPY ingest: {events} rows in {copy.TotalSeconds:F2} s = {events / copy.TotalSeconds:N0} rows/s");
var groupBy = await database.TimeAsync(5, "SELECT campaign_id, count(*), sum(value_micros) FROM raw_events GROUP BY campaign_id");
Console.WriteLine($"baseline KPI query (GROUP BY campaign over {events} rows): median {groupBy:F1} ms");

static double Percentile(List<double> values, double p)
{
    values.Sort();
    return values.Count == 0 ? double.NaN : values[Math.Min(values.Count - 1, (int)(p * values.Count))];
}
