using System.Globalization;
using AdOrleans.Grains.Attribution;

namespace AdOrleans.Grains.Events;

/// <summary>
/// A delivery's new events with a userId, by the user's shard number (journeys, automation), kept until every shard
/// took them. Indexed by number: the shard's key string is made once per send, not once per event.
/// </summary>
public sealed class UserShardBatches
{
    private readonly Dictionary<int, List<JourneyEvent>> _byShard = [];

    public void Add(int shard, JourneyEvent e)
    {
        if (!_byShard.TryGetValue(shard, out var events))
        {
            _byShard[shard] = events = [];
        }

        events.Add(e);
    }

    /// <summary>Sends every shard (by key) its events; cleared only when all succeeded, so a failed delivery re-sends (shards skip what they applied).</summary>
    public async Task SendAsync(Func<string, IReadOnlyList<JourneyEvent>, Task> send)
    {
        if (_byShard.Count == 0)
        {
            return;
        }

        await Task.WhenAll(_byShard.Select(s => send(s.Key.ToString(CultureInfo.InvariantCulture), s.Value)));
        _byShard.Clear();
    }
}
