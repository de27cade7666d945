using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdOrleans.Bench;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// Delivery and overspend at exhaustion: 5 campaigns with budgets of [budget] units (default 10) compete for one slot;
/// auctions arrive at a fixed rate, spread round-robin over the given gateways (one or more, comma-separated), and every
/// win fires its impression beacon. Once nobody wins any more, each campaign's spend against its budget is reported
/// (spent %, overspend in maximal charges), with the longest pause between wins while some budget was left. Fails when
/// a request fails (an answer other than a win or 204 no-fill, or no answer) or the budgets are not exhausted in 120 s.
/// </summary>
internal static class OverspendBench
{
    private const int Campaigns = 5;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public sealed record CampaignResult(string Id, string Status, long SpentMicros, long BudgetMicros, long MaxChargeMicros)
    {
        public double SpentPercent => SpentMicros * 100.0 / BudgetMicros;

        public double OverspendCharges => Math.Max(0, SpentMicros - BudgetMicros) / (double)MaxChargeMicros;
    }

    public sealed record Result(double AchievedRate, long Wins, TimeSpan LongestPause, IReadOnlyList<CampaignResult> Campaigns)
    {
        public double MinSpentPercent => Campaigns.Min(c => c.SpentPercent);

        public double MaxOverspendCharges => Campaigns.Max(c => c.OverspendCharges);
    }

    public static async Task<Result> RunAsync(IReadOnlyList<Uri> gateways, string adminKey, string clientKey, int rate, int budgetUnits, CancellationToken cancellationToken)
    {
        var budget = budgetUnits * 1_000_000L;
        var admin = Admin.Client(gateways[0], adminKey);
        var clients = gateways.Select(g => Admin.Client(g, clientKey, 256)).ToArray();
        var run = Guid.NewGuid().ToString("N")[..6];
        var slot = $"os-{run}";
        using (var response = await admin.PutAsJsonAsync($"/v1/slots/{slot}", new { floorMicros = 1_000_000, width = 300, height = 250, auction = "second-price" }, cancellationToken))
        {
            await Admin.EnsureSeededAsync(response, cancellationToken);
        }

        var bids = Enumerable.Range(0, Campaigns).ToDictionary(i => $"os-{run}-{i}", i => 2_000_000L + i * 100_000);
        foreach (var (id, bid) in bids)
        {
            using var response = await admin.PostAsJsonAsync("/v1/campaigns", new
            {
                id, name = id, advertiser = "bench", channel = "display", bidType = "cpm", bidMicros = bid,
                totalBudgetMicros = budget, pacing = "asap", targeting = new { slots = new[] { slot } },
                creatives = new[] { new { id = "cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
            }, cancellationToken);
            await Admin.EnsureSeededAsync(response, cancellationToken);
        }

        await Task.Delay(2000, cancellationToken);
        var auctions = await OfferAsync(clients, slot, rate, cancellationToken);
        await Task.Delay(3000, cancellationToken);
        var results = new List<CampaignResult>();
        foreach (var (id, bid) in bids)
        {
            var c = await admin.GetFromJsonAsync<JsonElement>($"/v1/campaigns/{id}", cancellationToken);
            var result = new CampaignResult(id, c.GetProperty("status").GetString()!, c.GetProperty("spentMicros").GetInt64(), budget, bid / 1000);
            results.Add(result);
            Console.WriteLine($"  {id}: status {result.Status}, spent {result.SpentMicros} of {budget} ({result.SpentPercent:F3} %), " +
                $"overspend {result.OverspendCharges:F2} maximal charges, impressions {c.GetProperty("impressions").GetInt64()}");
        }

        return new Result(auctions.Rate, auctions.Wins, auctions.LongestPause, results);
    }

    private sealed record Offered(double Rate, long Wins, TimeSpan LongestPause);

    private static async Task<Offered> OfferAsync(HttpClient[] clients, string slot, int rate, CancellationToken cancellationToken)
    {
        var (auctions, wins, errors) = (0L, 0L, 0L);
        var lastWin = Stopwatch.StartNew();
        var longestPause = TimeSpan.Zero;
        var pauseLock = new Lock();
        string? firstError = null;
        var gate = new SemaphoreSlim(512);
        var clock = Stopwatch.StartNew();
        var body = $$"""{"slotId":"{{slot}}"}""";
        while (lastWin.Elapsed < Quiet && clock.Elapsed < Limit)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; auctions < due; auctions++)
            {
                await gate.WaitAsync(cancellationToken);
                var client = clients[auctions % clients.Length];
                _ = Task.Run(async () =>
                {
                    try
                    {
                        using var response = await client.PostAsync("/v1/auction", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref wins);
                            lock (pauseLock)
                            {
                                longestPause = lastWin.Elapsed > longestPause ? lastWin.Elapsed : longestPause;
                                lastWin.Restart();
                            }

                            var won = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                            using var beacon = await client.GetAsync(won.GetProperty("impressionUrl").GetString(), cancellationToken);
                            beacon.EnsureSuccessStatusCode();
                        }
                        else if (response.StatusCode != HttpStatusCode.NoContent)
                        {
                            throw new HttpRequestException($"POST /v1/auction answered {(int)response.StatusCode}", null, response.StatusCode);
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }, cancellationToken);
            }

            await Task.Delay(5, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds - Quiet.TotalSeconds;
        Console.WriteLine($"offered {rate} auctions/s over {clients.Length} gateway(s), achieved {auctions / clock.Elapsed.TotalSeconds:F0}/s over {seconds:F1} s of spending, " +
            $"{wins} wins, longest pause between wins {longestPause.TotalMilliseconds:F0} ms, {errors} failed requests");
        if (errors > 0)
        {
            throw new BenchmarkFailedException($"{errors} of {auctions} auction requests failed, the first: {firstError}");
        }

        if (lastWin.Elapsed < Quiet)
        {
            throw new BenchmarkFailedException($"budgets not exhausted after {Limit.TotalSeconds:0} s ({wins} wins): no overspend to measure.");
        }

        if (wins == 0)
        {
            throw new BenchmarkFailedException("no auction was won: the campaigns never bid on the slot.");
        }

        return new Offered(auctions / clock.Elapsed.TotalSeconds, wins, longestPause);
    }
}
