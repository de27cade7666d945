using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Testing;

/// <summary>Polls until a condition holds: commands and events take effect asynchronously after their 2xx.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls a condition until it holds; fails with <paramref name="what"/> when it does not in time.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string what = "the condition")
    {
        var within = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(Interval);
        }

        Assert.Fail($"{what} did not hold within {within}");
    }

    /// <summary>Polls a JSON resource until it answers 200 with a value that satisfies the condition.</summary>
    public static async Task<T> GetAsync<T>(HttpClient client, string path, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var within = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + within;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<T>();
                if (last is not null && condition(last))
                {
                    return last;
                }
            }

            await Task.Delay(Interval);
        }

        Assert.Fail($"{path} did not reach the expected state within {within}; last: {last}");
        return last!;
    }
}
