namespace AdOrleans.Grains.Attribution;

/// <summary>A user's clustering features (<see cref="UserFeatures.Names"/>) and most frequent geo, from the journey items held now.</summary>
public static class JourneyFeatures
{
    private static readonly string[] Channels = [.. UserFeatures.Names.Skip(UserFeatures.FirstChannel).Take(UserFeatures.FirstDevice - UserFeatures.FirstChannel)];
    private static readonly string[] Devices = [.. UserFeatures.Names.Skip(UserFeatures.FirstDevice)];

    /// <summary>Null for a journey without items (it has nothing to cluster).</summary>
    public static double[]? Of(JourneyState journey, DateTimeOffset now)
    {
        var items = journey.Items;
        if (items.Count == 0)
        {
            return null;
        }

        var values = new double[UserFeatures.Names.Count];
        values[0] = Math.Max(0, (now - items[^1].At).TotalDays);
        values[1] = items.Count;
        var valueMicros = 0L;
        foreach (var item in items)
        {
            if (item.Conversion)
            {
                valueMicros += item.ValueMicros;
            }

            if (Array.IndexOf(Channels, item.Channel) is var c and >= 0)
            {
                values[UserFeatures.FirstChannel + c] += 1.0 / items.Count;
            }

            if (item.Device is { } device && Array.IndexOf(Devices, device) is var d and >= 0)
            {
                values[UserFeatures.FirstDevice + d] += 1.0 / items.Count;
            }
        }

        values[2] = valueMicros / 1_000_000.0;
        return values;
    }

    /// <summary>The geo code most of the journey's items carry (ties: the newest), or null when none has one.</summary>
    public static string? HomeGeo(JourneyState journey)
    {
        string? best = null;
        var bestCount = 0;
        for (var i = journey.Items.Count - 1; i >= 0; i--)
        {
            if (journey.Items[i].Geo is { } geo && geo != best)
            {
                var count = journey.Items.Count(item => item.Geo == geo);
                (best, bestCount) = count > bestCount ? (geo, count) : (best, bestCount);
            }
        }

        return best;
    }
}
