using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Service.Tests;

internal static class Eventually
{
    /// <summary>Polls a JSON resource until it satisfies the condition: state is committed asynchronously after 202.</summary>
    public static async Task<T> GetAsync<T>(HttpClient client, string path, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
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

            await Task.Delay(25);
        }

        Assert.Fail($"{path} did not reach the expected state; last: {last}");
        return last!;
    }

    /// <summary>Polls a condition until it holds; fails with <paramref name="what"/> when it does not in time.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{what} did not hold within {timeout}");
    }
}
