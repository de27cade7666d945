namespace AdOrleans.Grains.Attribution;

/// <summary>Per-user features for audience clustering, computed from the journeys this shard holds (no I/O).</summary>
public sealed partial class JourneyShardGrain
{
    public Task<IReadOnlyList<UserFeatureRow>> FeaturesAsync(DateTimeOffset now)
    {
        var channels = UserFeatures.Names.Skip(3).ToList();
        var rows = new List<UserFeatureRow>(_journeys.Count);
        foreach (var (user, journey) in _journeys)
        {
            if (journey.Items.Count == 0)
            {
                continue;
            }

            var values = new double[UserFeatures.Names.Count];
            values[0] = Math.Max(0, (now - journey.Items[^1].At).TotalDays);
            values[1] = journey.Items.Count;
            values[2] = journey.Items.Where(i => i.Conversion).Sum(i => i.ValueMicros) / 1_000_000.0;
            foreach (var item in journey.Items)
            {
                if (channels.IndexOf(item.Channel) is var c and >= 0)
                {
                    values[3 + c] += 1.0 / journey.Items.Count;
                }
            }

            rows.Add(new UserFeatureRow(user, values));
        }

        return Task.FromResult<IReadOnlyList<UserFeatureRow>>(rows);
    }
}
