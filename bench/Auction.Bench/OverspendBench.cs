using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// Overspend at exhaustion: 5 campaigns with 10-unit budgets compete for one slot; auctions arrive at a fixed rate
/// and every win fires its impression beacon. Once nobody wins any more, each campaign's spend over its budget is reported.
/// </summary>
internal static class OverspendBench
{
    private const long Budget = 10_000_000;

    public static async Task RunAsync(Uri service, string adminKey, string clientKey, int rate)
    {
        var admin = Admin.Client(service, adminKey);
        var ads = Admin.Client(service, clientKey, 256);
        var run = Guid.NewGuid().ToString("N")[..6];
        var slot = $"os-{run}";
        await admin.PutAsJsonAsync($"/v1/slots/{slot}", new { floorMicros = 1_000_000, width = 300, height = 250, auction = "second-price" });
        var ids = Enumerable.Range(0, 5).Select(i => $"os-{run}-{i}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await admin.PostAsJsonAsync("/v1/campaigns", new
            {
                id, name = id, advertiser = "bench", channel = "display", bidType = "cpm", bidMicros = 2_000_000 + i * 100_000,
                totalBudgetMicros = Budget, pacing = "asap", targeting = new { slots = new[] { slot } },
                creatives = new[] { new { id = "cr", url = "https://cdn.example/a.png", width = 300, height = 250 } },
            });
        }

        await Task.Delay(2000);
        var (auctions, wins, lastWin) = (0L, 0L, Stopwatch.StartNew());
        var gate = new SemaphoreSlim(512);
        var clock = Stopwatch.StartNew();
        var body = $$"""{"slotId":"{{slot}}"}""";
        while (lastWin.Elapsed < TimeSpan.FromSeconds(4) && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; auctions < due; auctions++)
            {
                await gate.WaitAsync();
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var response = await ads.PostAsync("/v1/auction", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref wins);
                            lastWin.Restart();
                            var won = await response.Content.ReadFromJsonAsync<JsonElement>();
                            await ads.GetAsync(won.GetProperty("impressionUrl").GetString());
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                });
            }

            await Task.Delay(5);
        }

        var seconds = clock.Elapsed.TotalSeconds - 4;
        await Task.Delay(3000);
        Console.WriteLine($"offered {rate} auctions/s, achieved {auctions / clock.Elapsed.TotalSeconds:F0}/s over {seconds:F1} s of spending, {wins} wins");
        foreach (var id in ids)
        {
            var c = await admin.GetFromJsonAsync<JsonElement>($"/v1/campaigns/{id}");
            var spent = c.GetProperty("spentMicros").GetInt64();
            Console.WriteLine($"  {id}: status {c.GetProperty("status").GetString()}, spent {spent} of {Budget}, overspend {Math.Max(0, spent - Budget) * 100.0 / Budget:F3} %, impressions {c.GetProperty("impressions").GetInt64()}");
        }
    }
}
