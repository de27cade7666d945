namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Everything a run of journey items contributes to the stored rows: per conversion, the rule-based credits of the
/// touchpoints since the previous conversion that lie within the lookback window, and one path row per journey
/// (converted, or still open and so counted as not converting). A pure function of the items, so a journey emits
/// the difference between its contributions before and after an event: late or out-of-order events restate exactly.
/// </summary>
public sealed class JourneyContributions
{
    public Dictionary<(long Hour, string Model, string Channel, string Campaign), (long Nano, long Revenue)> Credits { get; } = [];

    public Dictionary<(long Hour, string Path), (long Conversions, long Nulls)> Paths { get; } = [];

    /// <summary>
    /// The contributions of <paramref name="items"/> (in time order). Runs on every event of a journey with conversions at its caps, so
    /// the touches since the last conversion are a range of the items, and only a conversion copies its window.
    /// </summary>
    public static JourneyContributions Of(List<JourneyItem> items, AttributionOptions options)
    {
        var result = new JourneyContributions();
        var touchesFrom = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var conversion = items[i];
            if (!conversion.Conversion)
            {
                continue;
            }

            var since = conversion.At - options.Lookback;
            var window = new List<JourneyItem>(i - touchesFrom);
            for (var t = touchesFrom; t < i; t++)
            {
                if (items[t].At >= since)
                {
                    window.Add(items[t]);
                }
            }

            result.Credit(conversion, window, options.HalfLife);
            result.AddPath(Hour(conversion.At), PathOf(window), converted: true);
            touchesFrom = i + 1;
        }

        if (touchesFrom < items.Count)
        {
            result.AddPath(Hour(items[^1].At), PathOf(items, touchesFrom, items.Count - touchesFrom), converted: false);
        }

        return result;
    }

    /// <summary>The row that turns <paramref name="before"/> into this; null when nothing changed.</summary>
    public AttributionDelta? Minus(JourneyContributions before)
    {
        var credits = Changes(Credits, before.Credits, static (key, nano, revenue) => new AttributionCreditDelta(key.Hour, key.Model, key.Channel, key.Campaign, nano, revenue));
        var paths = Changes(Paths, before.Paths, static (key, conversions, nulls) => new AttributionPathDelta(key.Hour, key.Path, conversions, nulls));
        return credits.Count + paths.Count == 0 ? null : new AttributionDelta(credits, paths);
    }

    /// <summary>This one's keys in order, then those only <paramref name="before"/> has (no set of both is built).</summary>
    private static List<TDelta> Changes<TKey, TDelta>(
        Dictionary<TKey, (long, long)> after, Dictionary<TKey, (long, long)> before, Func<TKey, long, long, TDelta> delta)
        where TKey : notnull
    {
        var changes = new List<TDelta>();
        foreach (var (key, (a, b)) in after)
        {
            var (oldA, oldB) = before.GetValueOrDefault(key);
            if (a != oldA || b != oldB)
            {
                changes.Add(delta(key, a - oldA, b - oldB));
            }
        }

        foreach (var (key, (oldA, oldB)) in before)
        {
            if ((oldA != 0 || oldB != 0) && !after.ContainsKey(key))
            {
                changes.Add(delta(key, -oldA, -oldB));
            }
        }

        return changes;
    }

    public void Add(JourneyContributions other)
    {
        foreach (var (key, (nano, revenue)) in other.Credits)
        {
            var (n, r) = Credits.GetValueOrDefault(key);
            Credits[key] = (n + nano, r + revenue);
        }

        foreach (var (key, (conversions, nulls)) in other.Paths)
        {
            var (c, n) = Paths.GetValueOrDefault(key);
            Paths[key] = (c + conversions, n + nulls);
        }
    }

    /// <summary>
    /// The touchpoints' channels joined by '&gt;'. Repeats collapse: a self-loop changes no absorption probability,
    /// and fewer distinct paths mean fewer rows. Built in one allocation: journeys compute it on every event.
    /// </summary>
    public static string PathOf(List<JourneyItem> touches) => PathOf(touches, 0, touches.Count);

    /// <summary>The path of <paramref name="count"/> touches from <paramref name="start"/>.</summary>
    public static string PathOf(List<JourneyItem> touches, int start, int count)
    {
        var length = -1;
        string? previous = null;
        for (var i = start; i < start + count; i++)
        {
            var channel = touches[i].Channel;
            if (!string.Equals(channel, previous, StringComparison.Ordinal))
            {
                length += channel.Length + 1;
                previous = channel;
            }
        }

        if (length < 0)
        {
            return AttributionModels.Direct;
        }

        if (length == previous!.Length)
        {
            // One channel (its repeats collapse): the path is the channel's own string.
            return previous;
        }

        return string.Create(length, (touches, start, count), static (span, range) =>
        {
            var at = 0;
            string? last = null;
            for (var i = range.start; i < range.start + range.count; i++)
            {
                var channel = range.touches[i].Channel;
                if (string.Equals(channel, last, StringComparison.Ordinal))
                {
                    continue;
                }

                if (last is not null)
                {
                    span[at++] = '>';
                }

                channel.AsSpan().CopyTo(span[at..]);
                at += channel.Length;
                last = channel;
            }
        });
    }

    /// <summary>
    /// Moves the open journey's path row from <paramref name="before"/> (none: the journey had no open touches) to
    /// <paramref name="after"/>; false (and nothing changed) when these contributions hold no such row.
    /// </summary>
    public bool MoveOpenPath((long Hour, string Path)? before, (long Hour, string Path) after)
    {
        if (before is { } old)
        {
            if (!Paths.TryGetValue(old, out var row) || row.Nulls < 1)
            {
                return false;
            }

            var (c, n) = row;
            if (c == 0 && n == 1)
            {
                Paths.Remove(old);
            }
            else
            {
                Paths[old] = (c, n - 1);
            }
        }

        var (conversions, nulls) = Paths.GetValueOrDefault(after);
        Paths[after] = (conversions, nulls + 1);
        return true;
    }

    private void Credit(JourneyItem conversion, List<JourneyItem> window, TimeSpan halfLife)
    {
        var hour = Hour(conversion.At);
        if (window.Count == 0)
        {
            foreach (var model in AttributionModels.RuleBased)
            {
                AddCredit((hour, model, AttributionModels.Direct, ""), Apportion.Unit, conversion.ValueMicros);
            }

            return;
        }

        var times = window.Select(t => t.At).ToList();
        foreach (var model in AttributionModels.RuleBased)
        {
            var weights = AttributionModels.Weights(model, times, conversion.At, halfLife);
            var nanos = Apportion.Split(Apportion.Unit, weights);
            var revenues = Apportion.Split(conversion.ValueMicros, weights);
            for (var i = 0; i < window.Count; i++)
            {
                if (nanos[i] != 0 || revenues[i] != 0)
                {
                    AddCredit((hour, model, window[i].Channel, window[i].CampaignId ?? ""), nanos[i], revenues[i]);
                }
            }
        }
    }

    private void AddCredit((long, string, string, string) key, long nano, long revenue)
    {
        var (n, r) = Credits.GetValueOrDefault(key);
        Credits[key] = (n + nano, r + revenue);
    }

    private void AddPath(long hour, string path, bool converted)
    {
        var key = (hour, path);
        var (c, n) = Paths.GetValueOrDefault(key);
        Paths[key] = converted ? (c + 1, n) : (c, n + 1);
    }

    internal static long Hour(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600 * 3600;
}
