using AdOrleans.Grains.Attribution;

namespace AdOrleans.Grains.Events;

/// <summary>A delivery's new events with a userId, by the user's shard (journeys, automation), kept until every shard took them.</summary>
public sealed class UserShardBatches
{
    private readonly Dictionary<string, List<JourneyEvent>> _byShard = new(StringComparer.Ordinal);

    public void Add(string shard, JourneyEvent e)
    {
        if (!_byShard.TryGetValue(shard, out var events))
        {
            _byShard[shard] = events = [];
        }

        events.Add(e);
    }

    /// <summary>Sends every shard its events; cleared only when all succeeded, so a failed delivery re-sends (shards skip what they applied).</summary>
    public async Task SendAsync(Func<string, IReadOnlyList<JourneyEvent>, Task> send)
    {
        if (_byShard.Count == 0)
        {
            return;
        }

        await Task.WhenAll(_byShard.Select(s => send(s.Key, s.Value)));
        _byShard.Clear();
    }
}
