using System.Runtime.InteropServices;
using AdOrleans.Bench;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// Usage: dotnet run -c Release --project bench/Kpi.Bench -- [query|postgres|freshness|all|fold] [--events N] [--samples N] [--campaigns N]
/// [--keys N] [--minutes N] [--touches N] (defaults: all, 10,000,000 events, 500 samples (300 for freshness), 100 campaigns of
/// rollup rows; fold, which <c>all</c> leaves out: 100,000 keys, 5 minutes, 1 commit per key and minute). Exits 1 when a
/// check fails or anything throws, 124 past BENCH_TIMEOUT_SECONDS (default 3600), 130/143 on SIGINT/SIGTERM
/// (bench/Shared/BenchmarkProcess.cs); <c>postgres</c> and <c>all</c> need the PostgreSQL of <c>ADORLEANS_BENCH_POSTGRES</c>.
/// </summary>
internal static class KpiBench
{
    public static Task<int> Main(string[] args) => BenchmarkProcess.RunAsync(TimeSpan.FromHours(1), cancellationToken => RunAsync(args, cancellationToken));

    private static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        if (mode is not ("query" or "postgres" or "freshness" or "all" or "fold"))
        {
            throw new ArgumentException($"Unknown mode '{mode}': query, postgres, freshness, all or fold.");
        }

        long Arg(string name, long fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1]) : fallback;
        var campaigns = (int)Arg("--campaigns", 100);

        Console.WriteLine($"# AdOrleans KPI benchmark: {mode}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build, numbers are meaningless; use -c Release");
#endif
        if (mode is "fold")
        {
            await FoldBench.RunAsync((int)Arg("--keys", 100_000), (int)Arg("--minutes", 5), (int)Arg("--touches", 1), cancellationToken);
        }

        if (mode is "query" or "all")
        {
            await QueryBench.RunAsync(Arg("--events", 10_000_000), (int)Arg("--samples", 500), campaigns, cancellationToken);
        }

        if (mode is "postgres" or "all")
        {
            var admin = Environment.GetEnvironmentVariable("ADORLEANS_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres";
            await PostgresQueryBench.RunAsync(admin, Arg("--events", 10_000_000), (int)Arg("--samples", 500), campaigns, cancellationToken);
        }

        if (mode is "freshness" or "all")
        {
            await FreshnessBench.RunAsync((int)Arg("--samples", 300), cancellationToken);
        }
    }
}
