using System.Collections.Concurrent;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// When each user last clicked an ad of each channel, as seen by this gateway's verified clicks: the evidence
/// for "clicked in channel X in the last N days" segment rules. Local and in memory (docs/ad-serving.md).
/// </summary>
public sealed class ClickHistory
{
    private const int MaxUsers = 1_000_000;
    private readonly ConcurrentDictionary<(string User, string Channel), DateTimeOffset> _lastClick = new();

    public void Record(string userId, string channel, DateTimeOffset at)
    {
        if (_lastClick.Count >= MaxUsers)
        {
            _lastClick.Clear();
        }

        _lastClick.AddOrUpdate((userId, channel), at, (_, previous) => previous > at ? previous : at);
    }

    public bool ClickedSince(string userId, string channel, DateTimeOffset since) =>
        _lastClick.TryGetValue((userId, channel), out var at) && at >= since;
}
