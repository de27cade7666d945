using AdOrleans.Bench;
using AdOrleans.Intelligence.Bench;

// Usage: <service-url> <admin-key> [users] [service-pid]
// Sends every user's journey (1-3 touchpoints, a conversion for some), waits until attribution counts every conversion,
// then times attribution queries (every model) and clustering runs over those users. Defaults: 1,000,000 users.
// Exits 1 when a check fails or anything throws, 2 on a usage error, 124 past BENCH_TIMEOUT_SECONDS (default 3600),
// 130/143 on SIGINT/SIGTERM (bench/Shared/BenchmarkProcess.cs).
if (args.Length < 2 || (args.Length > 2 && !int.TryParse(args[2], out _)) || (args.Length > 3 && !int.TryParse(args[3], out _)))
{
    Console.Error.WriteLine("usage: <service-url> <admin-key> [users] [service-pid]");
    return BenchmarkProcess.UsageError;
}

var users = args.Length > 2 ? int.Parse(args[2]) : 1_000_000;
int? servicePid = args.Length > 3 ? int.Parse(args[3]) : null;
return await BenchmarkProcess.RunAsync(TimeSpan.FromHours(1), async cancellationToken =>
{
    using var client = new HttpClient { BaseAddress = new Uri(args[0]), Timeout = TimeSpan.FromMinutes(10) };
    client.DefaultRequestHeaders.Add("X-Api-Key", args[1]);
    var report = new Report(servicePid);
    var journeys = new Journeys(users, seed: 1);
    Console.WriteLine($"# {users:N0} users, {journeys.Touchpoints:N0} touchpoints, {journeys.Conversions:N0} conversions; {Environment.ProcessorCount} cores, load {Report.Load()}");
    await new Ingest(client, journeys).RunAsync(report, cancellationToken);
    await new AttributionQueries(client, journeys).RunAsync(report, cancellationToken);
    await new ClusteringRuns(client, users).RunAsync(report, cancellationToken);
});
