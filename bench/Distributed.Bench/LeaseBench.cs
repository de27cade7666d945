using AdOrleans.Auction.Bench;
using AdOrleans.MockKafka;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// Budget leases across gateways: a Roles=silo process and three Roles=gateway processes (mock Kafka, PostgreSQL), then
/// Auction.Bench's overspend run (5 campaigns with small budgets competing for one slot, every win's impression fired)
/// against one gateway and against all three (auctions round-robin), in rounds. Reports, per run, the lowest share of
/// a budget spent, the largest overspend in maximal charges and the longest pause between wins while budget was left.
/// </summary>
internal static class LeaseBench
{
    private const int Partitions = 16;
    private const int Gateways = 3;

    public sealed record Results(double OneSpentPercent, double OneOverspendCharges, double OnePauseMs,
        double ThreeSpentPercent, double ThreeOverspendCharges, double ThreePauseMs);

    public static async Task<Results> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("adorleans-dbench-leases-").FullName;
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
            await using var silo = await ServiceProcess.StartAsync("silo",
                new Dictionary<string, string>(distributed) { ["Roles"] = "silo", ["DataDirectory"] = Path.Combine(dir, "silo") }, cancellationToken);
            var gateways = new List<ServiceProcess>();
            try
            {
                for (var g = 0; g < Gateways; g++)
                {
                    gateways.Add(await ServiceProcess.StartAsync($"gateway{g}",
                        new Dictionary<string, string>(distributed) { ["Roles"] = "gateway", ["DataDirectory"] = Path.Combine(dir, $"gateway{g}") }, cancellationToken));
                }

                var runs = new List<(int Gateways, OverspendBench.Result Result)>();
                for (var round = 1; round <= options.LeaseRounds; round++)
                {
                    foreach (var count in round % 2 == 1 ? new[] { 1, Gateways } : [Gateways, 1])
                    {
                        var load = LoadAverage();
                        var result = await OverspendBench.RunAsync([.. gateways.Take(count).Select(g => g.Address)],
                            ServiceProcess.AdminKey, ServiceProcess.ClientKey, options.LeaseRate, options.LeaseBudgetUnits, cancellationToken);
                        runs.Add((count, result));
                        Console.WriteLine(
                            $"RUN phase=leases gateways={count} round={round} offered_per_s={options.LeaseRate} achieved_per_s={Format(result.AchievedRate)} wins={result.Wins} " +
                            $"min_spent_percent={Format(result.MinSpentPercent, "0.000")} max_overspend_charges={Format(result.MaxOverspendCharges, "0.00")} " +
                            $"longest_pause_ms={Format(result.LongestPause.TotalMilliseconds)} loadavg_start={load} loadavg_end={LoadAverage()}");
                    }
                }

                double Median(int count, Func<OverspendBench.Result, double> value) => Stats.Median(runs.Where(r => r.Gateways == count).Select(r => value(r.Result)));
                return new Results(
                    Median(1, r => r.MinSpentPercent), Median(1, r => r.MaxOverspendCharges), Median(1, r => r.LongestPause.TotalMilliseconds),
                    Median(Gateways, r => r.MinSpentPercent), Median(Gateways, r => r.MaxOverspendCharges), Median(Gateways, r => r.LongestPause.TotalMilliseconds));
            }
            finally
            {
                foreach (var gateway in gateways)
                {
                    await gateway.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
