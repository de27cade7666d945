using System.Net.Http.Json;
using AdOrleans.Bench;

namespace AdOrleans.Auction.Bench;

/// <summary>Seeds the service through its admin API.</summary>
internal static class Admin
{
    /// <summary>How long seeded campaigns may take to be listed before the benchmark fails (they go through the log).</summary>
    private static readonly TimeSpan SeedDeadline = TimeSpan.FromSeconds(120);

    public static HttpClient Client(Uri baseUrl, string key, int connections = 64)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task ParallelAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, token) =>
        {
            using var response = await send(item, token);
            await EnsureSeededAsync(response, token);
        });
    }

    /// <summary>Success, or 409 (already there from an earlier run on the same service).</summary>
    public static async Task EnsureSeededAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 409)
        {
            throw new BenchmarkFailedException(
                $"seeding: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public static async Task WaitForCampaignsAsync(HttpClient admin, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SeedDeadline;
        int listed;
        while ((listed = (await admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/v1/campaigns", cancellationToken))!.Count) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"seeding: {listed} of {count} campaigns listed {SeedDeadline.TotalSeconds:0} s after they were created.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
