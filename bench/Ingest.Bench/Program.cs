using AdOrleans.Bench;
using AdOrleans.Ingest.Bench;

// The reference endpoints ingest-bench.sh measures the service against (docs/benchmarks-ingest.md).
// Usage: <url> <client-key> [durable-file]. Serves POST /v1/events and /v1/events/batch until stopped: parses the
// service's request types, checks the key, answers the service's 202; with a file, answers only once the events are
// appended and fsynced (one writer, group commit). Exits 130/143 on SIGINT/SIGTERM, 124 past BENCH_TIMEOUT_SECONDS
// (default 3600), 1 when anything throws (bench/Shared/BenchmarkProcess.cs).
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: <url> <client-key> [durable-file]");
    return BenchmarkProcess.UsageError;
}

return await BenchmarkProcess.RunAsync(TimeSpan.FromHours(1), cancellationToken =>
    ReferenceServer.RunAsync(args[0], args[1], args.Length > 2 ? args[2] : null, cancellationToken));
