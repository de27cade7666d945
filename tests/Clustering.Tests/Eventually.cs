namespace AdOrleans.Clustering.Tests;

/// <summary>Polls a condition until it holds or the deadline passes; membership converges, it does not happen at once.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within}: {what}. Last seen: {value}");
            }

            await Task.Delay(Interval);
        }
    }
}
