using AdOrleans.Auction.Bench;

// Usage: inproc [auctions] | http <service-url> <admin-key> <client-key> [seconds] | overspend <service-url> <admin-key> <client-key> [rate]
var mode = args.Length > 0 ? args[0] : "inproc";
switch (mode)
{
    case "inproc":
        InProcessBench.Run(args.Length > 1 ? int.Parse(args[1]) : 200_000);
        break;
    case "http":
        await HttpBench.RunAsync(new Uri(args[1]), args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 15);
        break;
    case "overspend":
        await OverspendBench.RunAsync(new Uri(args[1]), args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 5000);
        break;
    default:
        Console.Error.WriteLine("modes: inproc | http | overspend");
        return 2;
}

return 0;
