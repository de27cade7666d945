using System.Runtime.InteropServices;
using AdOrleans.Bench;

namespace AdOrleans.Lake.Bench;

/// <summary>
/// Usage: dotnet run -c Release --project bench/Lake.Bench -- [writer|service|all] [--events N] [--flush-rows N] [--lake on|off]
/// (defaults: all, 1,000,000 events, 20,000 rows per flush as Lake:MaxBufferedEvents). <c>writer</c> times the
/// archiver's file path alone (rows → Parquet, fsync, rename) and then a compaction of those files; <c>service</c>
/// appends the events to the embedded service's log and times until the aggregators counted them and the
/// manifest lists them all (<c>--lake off</c>: the first only, the pipeline without archivers). Exits 1 when a check
/// fails or anything throws, 124 past BENCH_TIMEOUT_SECONDS (default 3600), 130/143 on SIGINT/SIGTERM
/// (bench/Shared/BenchmarkProcess.cs).
/// </summary>
internal static class LakeBench
{
    public static Task<int> Main(string[] args) => BenchmarkProcess.RunAsync(TimeSpan.FromHours(1), cancellationToken => RunAsync(args, cancellationToken));

    private static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        if (mode is not ("writer" or "service" or "all"))
        {
            throw new ArgumentException($"Unknown mode '{mode}': writer, service or all.");
        }

        long Arg(string name, long fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1]) : fallback;
        var events = (int)Arg("--events", 1_000_000);

        Console.WriteLine($"# AdOrleans lake benchmark: {mode}, {events:N0} events");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"load average at start: {LoadAverage()}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build, numbers are meaningless; use -c Release");
#endif
        if (mode is "writer" or "all")
        {
            await WriterBench.RunAsync(events, (int)Arg("--flush-rows", 20_000), cancellationToken);
        }

        if (mode is "service" or "all")
        {
            var lake = Array.IndexOf(args, "--lake") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "on";
            if (lake is not ("on" or "off"))
            {
                throw new ArgumentException($"--lake must be on or off, not '{lake}'.");
            }

            await ServiceBench.RunAsync(events, lake == "on", cancellationToken);
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
