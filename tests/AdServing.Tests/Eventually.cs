using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.AdServing.Tests;

internal static class Eventually
{
    /// <summary>Polls until the condition holds: commands and events take effect asynchronously after their 2xx.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The condition did not become true in time.");
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string path, Func<T, bool> condition)
    {
        T? last = default;
        await TrueAsync(async () =>
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            last = await response.Content.ReadFromJsonAsync<T>();
            return last is not null && condition(last);
        });
        return last!;
    }
}
