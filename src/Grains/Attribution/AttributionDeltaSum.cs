namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Sums the attribution rows of many journey changes into one row per (hour, model, channel, campaign) and per
/// (hour, path): a shard commits one merged delta per write, and changes that cancel (an open path that grows
/// moves −1 from one path and +1 to the next) never reach the store.
/// </summary>
public sealed class AttributionDeltaSum
{
    private readonly Dictionary<(long Hour, string Model, string Channel, string Campaign), (long Nano, long Revenue)> _credits = [];
    private readonly Dictionary<(long Hour, string Path), (long Conversions, long Nulls)> _paths = [];

    public void Add(AttributionDelta delta)
    {
        foreach (var c in delta.Credits)
        {
            var key = (c.HourStart, c.Model, c.Channel, c.CampaignId);
            var (nano, revenue) = _credits.GetValueOrDefault(key);
            _credits[key] = (nano + c.NanoConversions, revenue + c.RevenueMicros);
        }

        foreach (var p in delta.Paths)
        {
            var key = (p.HourStart, p.Path);
            var (conversions, nulls) = _paths.GetValueOrDefault(key);
            _paths[key] = (conversions + p.Conversions, nulls + p.Nulls);
        }
    }

    /// <summary>The summed row without the entries that cancelled out (null when nothing is left), and starts over.</summary>
    public AttributionDelta? Take()
    {
        var credits = _credits.Where(c => c.Value != default)
            .Select(c => new AttributionCreditDelta(c.Key.Hour, c.Key.Model, c.Key.Channel, c.Key.Campaign, c.Value.Nano, c.Value.Revenue)).ToList();
        var paths = _paths.Where(p => p.Value != default)
            .Select(p => new AttributionPathDelta(p.Key.Hour, p.Key.Path, p.Value.Conversions, p.Value.Nulls)).ToList();
        _credits.Clear();
        _paths.Clear();
        return credits.Count + paths.Count == 0 ? null : new AttributionDelta(credits, paths);
    }
}
