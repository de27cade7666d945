using System.Net.Http.Json;

namespace AdOrleans.Auction.Bench;

/// <summary>Seeds the service through its admin API.</summary>
internal static class Admin
{
    public static HttpClient Client(Uri baseUrl, string key, int connections = 64)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task ParallelAsync<T>(IEnumerable<T> items, Func<T, Task<HttpResponseMessage>> send)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
        {
            var response = await send(item);
            if (!response.IsSuccessStatusCode && (int)response.StatusCode != 409)
            {
                throw new InvalidOperationException($"Seeding failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        });
    }

    public static async Task WaitForCampaignsAsync(HttpClient admin, int count)
    {
        while ((await admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/v1/campaigns"))!.Count < count)
        {
            await Task.Delay(500);
        }
    }
}
