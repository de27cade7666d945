using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// Before the timed runs, gives the service's CTR model something to rank with (docs/ctr.md): <c>AUCTION_BENCH_CTR_IMPRESSIONS</c>
/// auctions whose impression beacons are fired, 2 % of them clicked. Run the service with a short
/// <c>Ctr:PublishInterval</c> and a <c>AdServing:CtrModelMinImpressions</c> below that count (docs/benchmarks-ctr.md
/// shows the command). No API reports the gateway's model, so the warm-up then waits <c>AUCTION_BENCH_CTR_WAIT_SECONDS</c>
/// (default 5) for the next publication to reach the index.
/// </summary>
internal static class CtrWarmup
{
    public static async Task RunAsync(Uri service, string clientKey, CancellationToken cancellationToken)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("AUCTION_BENCH_CTR_IMPRESSIONS"), out var impressions) || impressions <= 0)
        {
            return;
        }

        var client = Admin.Client(service, clientKey);
        var random = new Random(11);
        var auctions = Enumerable.Range(0, impressions).Select(_ => (Body: Workload.AuctionBody(random), Click: random.NextDouble() < 0.02)).ToList();
        var clicked = 0;
        await Parallel.ForEachAsync(auctions, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (a, token) =>
        {
            using var auction = await client.PostAsync("/v1/auction", new StringContent(a.Body, System.Text.Encoding.UTF8, "application/json"), token);
            if (!auction.IsSuccessStatusCode)
            {
                return;
            }

            var won = await auction.Content.ReadFromJsonAsync<JsonElement>(token);
            using var impression = await client.GetAsync(won.GetProperty("impressionUrl").GetString(), token);
            if (a.Click)
            {
                using var click = await client.GetAsync(won.GetProperty("clickUrl").GetString(), token);
                Interlocked.Increment(ref clicked);
            }
        });

        var wait = int.TryParse(Environment.GetEnvironmentVariable("AUCTION_BENCH_CTR_WAIT_SECONDS"), out var seconds) ? seconds : 5;
        Console.WriteLine($"CTR warm-up: {impressions} auctions with impressions, {clicked} clicks; waiting {wait} s for the model to reach the index");
        await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
    }
}
