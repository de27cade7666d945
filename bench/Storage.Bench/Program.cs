using System.Globalization;
using System.Runtime.InteropServices;
using AdOrleans.Storage.Bench;

// Usage: dotnet run -c Release --project bench/Storage.Bench -- [inFlight=64] [seconds=10] [runs=5]
// Needs the PostgreSQL role of .ci/run; ADORLEANS_BENCH_POSTGRES overrides the admin connection.
var inFlight = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var admin = Environment.GetEnvironmentVariable("ADORLEANS_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres";

Console.WriteLine("# AdOrleans grain storage benchmark: single-grain writes/s on PostgreSQL");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"{inFlight} writes in flight, {seconds} s per run, {runs} runs per storage, alternating");
#if DEBUG
Console.WriteLine("WARNING: Debug build, numbers are meaningless; use -c Release");
#endif
await StorageBench.RunAsync(admin, inFlight, TimeSpan.FromSeconds(seconds), runs);
