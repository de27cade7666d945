using AdOrleans.MockKafka;

// Usage: dotnet run --project tools/MockKafka -- [--brokers 3] [--partitions 16]
// Starts librdkafka's mock cluster, creates the AdOrleans topics, prints the bootstrap address, runs until Ctrl-C.
var brokers = Option(args, "--brokers", 3);
var partitions = Option(args, "--partitions", 16);
string[] topics = ["commands", "events", "auctions", "state"];

using var cluster = MockCluster.Start(brokers, topics.ToDictionary(t => t, _ => partitions));
Console.WriteLine($"Mock Kafka: {brokers} brokers, topics {string.Join(", ", topics)} with {partitions} partitions each (state is not compacted: the mock has no topic configs).");
Console.WriteLine($"Kafka__BootstrapServers={cluster.BootstrapServers}");
Console.Out.Flush();

using var stop = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Set();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
stop.Wait();
Console.WriteLine("Mock Kafka stopped; its topics are gone.");

static int Option(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
}
