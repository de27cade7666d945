using System.Diagnostics;
using AdOrleans.Bench;
using AdOrleans.Gateway.Ads;
using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using Microsoft.Extensions.Options;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// The auction function alone, on an index of 10,000 campaigns and 1,000 slots: latency percentiles and throughput.
/// Every slot has ~100 candidate campaigns with unlimited budgets, so an auction nobody won means the auction is broken.
/// </summary>
internal static class InProcessBench
{
    /// <param name="experiments">Every campaign runs an A/B experiment (two variants on its one creative): the auction then hashes the user id per candidate.</param>
    /// <param name="ctr">CPC campaigns are ranked by a published CTR model (docs/ctr.md) instead of the prior.</param>
    public static void Run(int auctions, bool experiments, bool ctr, CancellationToken cancellationToken)
    {
        var options = Options.Create(new AdServingOptions());
        var index = new AuctionIndex(TimeProvider.System, new LeaseRenewalSignal());
        foreach (var slot in Workload.SlotConfigs())
        {
            index.Apply(new AdStateRecord { Slot = slot });
        }

        foreach (var config in Workload.Campaigns())
        {
            index.Apply(new AdStateRecord { Campaign = new CampaignLive { Config = config, Status = CampaignStatuses.Active } });
        }

        if (experiments)
        {
            foreach (var campaign in index.Campaigns.ToList())
            {
                var creative = campaign.Config.Creatives[0].Id;
                index.Apply(new AdStateRecord { Experiment = new ExperimentLive(new ExperimentConfig
                {
                    Id = $"x-{campaign.Id}", CampaignId = campaign.Id, Metric = ExperimentMetrics.Ctr,
                    Variants = [new("a", creative, 50), new("b", creative, 50)],
                }, null) });
            }
        }

        if (ctr)
        {
            index.Apply(new AdStateRecord { CtrModel = SyntheticModel() });
        }

        // Unlimited budgets: every campaign holds a lease that never runs out (no grain here to renew it).
        foreach (var campaign in index.Campaigns)
        {
            campaign.Lease.Apply(new LeaseGrant(long.MaxValue / 2, long.MaxValue / 2), returned: false, long.MaxValue, campaign.Config.MaxChargeMicros);
        }

        var frequency = new FrequencyCounter(options);
        var auctioneer = new Auctioneer(index, new Eligibility(frequency, new ClickHistory()), frequency, new LeaseRenewalSignal(), options, TimeProvider.System);
        var random = new Random(1);
        var inputs = Enumerable.Range(0, 4096).Select(_ => new AuctionInput($"s-{random.Next(Workload.Slots)}", $"u-{random.Next(1_000_000)}",
            Workload.Geos[random.Next(Workload.Geos.Length)], Workload.Devices[random.Next(Workload.Devices.Length)], [])).ToArray();

        for (var i = 0; i < 20_000; i++)
        {
            auctioneer.Run(inputs[i % inputs.Length]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ticks = new long[auctions];
        var won = 0;
        for (var i = 0; i < auctions; i++)
        {
            if (i % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested(); // outside the timed call
            }

            var start = Stopwatch.GetTimestamp();
            won += auctioneer.Run(inputs[i % inputs.Length]).Status == AuctionStatus.Won ? 1 : 0;
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(ticks);
        double Us(double q) => ticks[(int)(q * (ticks.Length - 1))] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine($"in-process auction, {index.CampaignCount} campaigns{(experiments ? " each with an experiment" : "")}{(ctr ? ", CPC ranked by a CTR model" : "")}, {Workload.Slots} slots, {auctions} auctions, {won * 100.0 / auctions:F0}% filled");
        Console.WriteLine($"  p50 {Us(0.5):F1} µs  p99 {Us(0.99):F1} µs  p99.9 {Us(0.999):F1} µs  max {Us(1):F1} µs");
        if (won < auctions)
        {
            throw new BenchmarkFailedException($"{auctions - won} of {auctions} auctions found no winner; every slot has campaigns with unlimited budgets.");
        }

        var sw = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { CancellationToken = cancellationToken }, t =>
        {
            for (var i = 0; i < auctions / Environment.ProcessorCount; i++)
            {
                auctioneer.Run(inputs[(i * 7 + t) % inputs.Length]);
            }
        });
        Console.WriteLine($"  throughput on {Environment.ProcessorCount} threads: {auctions / sw.Elapsed.TotalSeconds:F0} auctions/s");
    }

    /// <summary>
    /// A model of the default size with 20,000 non-zero weights at random places: a prediction reads the same number of
    /// weights whatever their values, so the cost is that of a trained model (the winners differ, the work does not).
    /// </summary>
    private static Grains.Ctr.CtrModelSnapshot SyntheticModel()
    {
        var random = new Random(7);
        const int bits = 18; // Ctr:Bits default
        return new Grains.Ctr.CtrModelSnapshot
        {
            Version = 1, Bits = bits, Impressions = long.MaxValue / 2,
            Indices = [.. Enumerable.Range(0, 20_000).Select(_ => random.Next(1 << bits))],
            Weights = [.. Enumerable.Range(0, 20_000).Select(_ => (float)(random.NextDouble() - 4.5))],
        };
    }
}
