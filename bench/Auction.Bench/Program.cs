using AdOrleans.Auction.Bench;
using AdOrleans.Bench;

// Usage: inproc [auctions] [experiments|ctr] | http <service-url> <admin-key> <client-key> [seconds] | overspend <gateway-url[,gateway-url…]> <admin-key> <client-key> [rate] [budget]
// Defaults: 200000 auctions, 15 s of wrk, 5000 auctions/s and budgets of 10 units. Exits 1 when a check fails or anything throws, 2 on a usage
// error, 124 past BENCH_TIMEOUT_SECONDS (default 900), 130/143 on SIGINT/SIGTERM (bench/Shared/BenchmarkProcess.cs).
var mode = args.Length > 0 ? args[0] : "inproc";
if (mode is not "inproc" && (mode is not ("http" or "overspend") || args.Length < 4))
{
    Console.Error.WriteLine("usage: inproc [auctions] [experiments|ctr] | http <service-url> <admin-key> <client-key> [seconds] | overspend <gateway-url[,gateway-url…]> <admin-key> <client-key> [rate] [budget]");
    return BenchmarkProcess.UsageError;
}

return await BenchmarkProcess.RunAsync(TimeSpan.FromMinutes(15), async cancellationToken =>
{
    switch (mode)
    {
        case "inproc":
            InProcessBench.Run(args.Length > 1 ? int.Parse(args[1]) : 200_000, args.Length > 2 && args[2] == "experiments", args.Length > 2 && args[2] == "ctr", cancellationToken);
            break;
        case "http":
            await HttpBench.RunAsync(new Uri(args[1]), args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 15, cancellationToken);
            break;
        default:
            await OverspendBench.RunAsync(
                [.. args[1].Split(',').Select(url => new Uri(url))], args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 5000, args.Length > 5 ? int.Parse(args[5]) : 10, cancellationToken);
            break;
    }
});
