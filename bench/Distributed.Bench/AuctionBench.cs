using System.Net.Http.Json;
using AdOrleans.Auction.Bench;
using AdOrleans.MockKafka;
using Market = AdOrleans.Auction.Bench.Workload;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// <c>POST /v1/auction</c> on a gateway-only process (Roles=gateway: an Orleans client, its auction index fed from
/// Kafka's state topic, a Roles=silo process behind it on PostgreSQL) against the embedded single process (file log,
/// SQLite, silo and gateway in one), all three running at once on this machine with the same market (Auction.Bench's
/// 1,000 slots and 10,000 campaigns, seeded through each one's admin API) and the same wrk load, in rounds that
/// alternate which goes first. Auctions read only the process's own index, so the gateway should not be slower.
/// </summary>
internal static class AuctionBench
{
    private const int Partitions = 16; // the service's default with Kafka, for both modes

    public sealed record Results(double EmbeddedRps, double GatewayRps, double EmbeddedCpuUs, double GatewayCpuUs);

    public static async Task<Results> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/bin/wrk") && !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "wrk"))))
        {
            throw new BenchmarkFailedException("the auction phase needs wrk (Debian: apt-get install wrk); leave it out of the phases to run without.");
        }

        var dir = Directory.CreateTempSubdirectory("adorleans-dbench-auction-").FullName;
        try
        {
            await using var db = await BenchDatabase.CreateAsync(options.Postgres, cancellationToken);
            using var kafka = MockCluster.Start(3, Topics.All.ToDictionary(t => t, _ => Partitions));
            var distributed = new Dictionary<string, string>
            {
                ["Kafka__BootstrapServers"] = kafka.BootstrapServers,
                ["ConnectionStrings__Postgres"] = db.ConnectionString,
                ["Log__Partitions"] = Partitions.ToString(CultureInfo.InvariantCulture),
            };
            await using var embedded = await ServiceProcess.StartAsync("embedded",
                new Dictionary<string, string> { ["Roles"] = "silo,gateway", ["DataDirectory"] = Path.Combine(dir, "embedded") }, cancellationToken);
            await using var silo = await ServiceProcess.StartAsync("silo",
                new Dictionary<string, string>(distributed) { ["Roles"] = "silo", ["DataDirectory"] = Path.Combine(dir, "silo") }, cancellationToken);
            await using var gateway = await ServiceProcess.StartAsync("gateway",
                new Dictionary<string, string>(distributed) { ["Roles"] = "gateway", ["DataDirectory"] = Path.Combine(dir, "gateway") }, cancellationToken);

            foreach (var target in new[] { embedded, gateway })
            {
                var seeding = Stopwatch.StartNew();
                await SeedAsync(target, cancellationToken);
                Console.WriteLine($"# auction: seeded {Market.Slots:N0} slots and {Market.CampaignCount:N0} campaigns into {target.Name} in {Format(seeding.Elapsed.TotalSeconds, "0.0")} s");
            }

            var script = await Wrk.WriteScriptAsync(dir, cancellationToken);
            foreach (var target in new[] { embedded, gateway })
            {
                await Wrk.RunAsync(Auctions(target), script, 3, cancellationToken); // not measured: JIT, connections, caches
            }

            var runs = new List<(string Target, Wrk.Result Wrk, double CpuUs)>();
            for (var round = 1; round <= options.AuctionRounds; round++)
            {
                foreach (var target in round % 2 == 1 ? new[] { embedded, gateway } : [gateway, embedded])
                {
                    var load = LoadAverage();
                    var (cpu, siloCpu) = (target.Cpu, silo.Cpu);
                    var result = await Wrk.RunAsync(Auctions(target), script, options.WrkSeconds, cancellationToken);
                    var cpuUs = (target.Cpu - cpu).TotalMicroseconds / result.Requests;
                    runs.Add((target.Name, result, cpuUs));
                    Console.WriteLine(
                        $"RUN phase=auction target={target.Name} round={round} seconds={options.WrkSeconds} auctions_per_s={Format(result.Rps)} " +
                        $"p50={result.P50} p99={result.P99} service_cpu_us_per_auction={Format(cpuUs, "0.0")} " +
                        $"silo_process_cpu_us_per_auction={Format((silo.Cpu - siloCpu).TotalMicroseconds / result.Requests, "0.0")} " +
                        $"loadavg_start={load} loadavg_end={LoadAverage()}");
                }
            }

            double Median(string target, Func<(string Target, Wrk.Result Wrk, double CpuUs), double> value) =>
                Stats.Median(runs.Where(r => r.Target == target).Select(value));
            return new Results(Median(embedded.Name, r => r.Wrk.Rps), Median(gateway.Name, r => r.Wrk.Rps),
                Median(embedded.Name, r => r.CpuUs), Median(gateway.Name, r => r.CpuUs));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Uri Auctions(ServiceProcess target) => new(target.Address, "/v1/auction");

    /// <summary>As Auction.Bench's http mode: slots, then campaigns, then until the process's index lists every campaign.</summary>
    private static async Task SeedAsync(ServiceProcess target, CancellationToken cancellationToken)
    {
        using var admin = Admin.Client(target.Address, ServiceProcess.AdminKey);
        await Admin.ParallelAsync(Market.SlotConfigs(), (s, t) => admin.PutAsJsonAsync($"/v1/slots/{s.Id}", new { s.FloorMicros, s.Width, s.Height, s.Auction }, t), cancellationToken);
        await Admin.ParallelAsync(Market.Campaigns(), (c, t) => admin.PostAsJsonAsync("/v1/campaigns", c, t), cancellationToken);
        await Admin.WaitForCampaignsAsync(admin, Market.CampaignCount, cancellationToken);
    }
}
