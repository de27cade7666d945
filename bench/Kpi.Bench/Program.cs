using System.Runtime.InteropServices;

namespace AdOrleans.Kpi.Bench;

/// <summary>Usage: dotnet run -c Release --project bench/Kpi.Bench -- [query|postgres|freshness|all] [--events N] [--samples N]</summary>
internal static class KpiBench
{
    public static async Task Main(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        long Arg(string name, long fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1]) : fallback;

        Console.WriteLine($"# AdOrleans KPI benchmark: {mode}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build, numbers are meaningless; use -c Release");
#endif
        if (mode is "query" or "all")
        {
            await QueryBench.RunAsync(Arg("--events", 10_000_000), (int)Arg("--samples", 500));
        }

        if (mode is "postgres" or "all")
        {
            var admin = Environment.GetEnvironmentVariable("ADORLEANS_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres";
            await PostgresQueryBench.RunAsync(admin, Arg("--events", 10_000_000), (int)Arg("--samples", 500));
        }

        if (mode is "freshness" or "all")
        {
            await FreshnessBench.RunAsync((int)Arg("--samples", 300));
        }
    }
}
