using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdOrleans.Bench;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// Overspend at exhaustion: 5 campaigns with budgets of [budget] units (default 10) compete for one slot; auctions
/// arrive at a fixed rate and every win fires its impression beacon. Once nobody wins any more, each campaign's spend
/// over its budget is reported. Fails when a request fails (an answer other than a win or 204 no-fill, or no answer)
/// or the budgets are not exhausted within 120 s: either would make the overspend figure wrong.
/// </summary>
internal static class OverspendBench
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(Uri service, string adminKey, string clientKey, int rate, int budgetUnits, CancellationToken cancellationToken)
    {
        var budget = budgetUnits * 1_000_000L;
        var admin = Admin.Client(service, adminKey);
        var ads = Admin.Client(service, clientKey, 256);
        var run = Guid.NewGuid().ToString("N")[..6];
        var slot = $"os-{run}";
        using (var response = await admin.PutAsJsonAsync($"/v1/slots/{slot}", new { floorMicros = 1_000_000, width = 300, height = 250, auction = "second-price" }, cancellationToken))
        {
            await Admin.EnsureSeededAsync(response, cancellationToken);
        }

        var ids = Enumerable.Range(0, 5).Select(i => $"os-{run}-{i}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            using var response = await admin.PostAsJsonAsync("/v1/campaigns", new
            {
                id, name = id, advertiser = "bench", channel = "display", bidType = "cpm", bidMicros = 2_000_000 + i * 100_000,
                totalBudgetMicros = budget, pacing = "asap", targeting = new { slots = new[] { slot } },
                creatives = new[] { new { id = "cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
            }, cancellationToken);
            await Admin.EnsureSeededAsync(response, cancellationToken);
        }

        await Task.Delay(2000, cancellationToken);
        var (auctions, wins, errors, lastWin) = (0L, 0L, 0L, Stopwatch.StartNew());
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
                _ = Task.Run(async () =>
                {
                    try
                    {
                        using var response = await ads.PostAsync("/v1/auction", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref wins);
                            lastWin.Restart();
                            var won = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                            using var beacon = await ads.GetAsync(won.GetProperty("impressionUrl").GetString(), cancellationToken);
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

        var exhausted = lastWin.Elapsed >= Quiet;
        var seconds = clock.Elapsed.TotalSeconds - Quiet.TotalSeconds;
        await Task.Delay(3000, cancellationToken);
        Console.WriteLine($"offered {rate} auctions/s, achieved {auctions / clock.Elapsed.TotalSeconds:F0}/s over {seconds:F1} s of spending, {wins} wins, {errors} failed requests");
        foreach (var id in ids)
        {
            var c = await admin.GetFromJsonAsync<JsonElement>($"/v1/campaigns/{id}", cancellationToken);
            var spent = c.GetProperty("spentMicros").GetInt64();
            Console.WriteLine($"  {id}: status {c.GetProperty("status").GetString()}, spent {spent} of {budget}, overspend {Math.Max(0, spent - budget) * 100.0 / budget:F3} %, impressions {c.GetProperty("impressions").GetInt64()}");
        }

        if (errors > 0)
        {
            throw new BenchmarkFailedException($"{errors} of {auctions} auction requests failed, the first: {firstError}");
        }

        if (!exhausted)
        {
            throw new BenchmarkFailedException($"budgets not exhausted after {Limit.TotalSeconds:0} s ({wins} wins): no overspend to measure.");
        }

        if (wins == 0)
        {
            throw new BenchmarkFailedException("no auction was won: the campaigns never bid on the slot.");
        }
    }
}
