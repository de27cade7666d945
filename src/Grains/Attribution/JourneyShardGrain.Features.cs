namespace AdOrleans.Grains.Attribution;

/// <summary>Per-user features for audience clustering, and users placed in a run's clusters, from the journeys this shard holds (no I/O).</summary>
public sealed partial class JourneyShardGrain
{
    public Task<IReadOnlyList<UserFeatureRow>> FeaturesAsync(DateTimeOffset now)
    {
        var rows = new List<UserFeatureRow>(_journeys.Count);
        foreach (var (user, journey) in _journeys)
        {
            if (JourneyFeatures.Of(journey, now) is { } values)
            {
                rows.Add(new UserFeatureRow(user, values, JourneyFeatures.HomeGeo(journey)));
            }
        }

        return Task.FromResult<IReadOnlyList<UserFeatureRow>>(rows);
    }

    public Task<int[]> CountNearestAsync(ClusterModel model, DateTimeOffset now)
    {
        var counts = new int[model.Centroids.Length];
        foreach (var journey in _journeys.Values)
        {
            if (JourneyFeatures.Of(journey, now) is { } values)
            {
                counts[model.Nearest(values)]++;
            }
        }

        return Task.FromResult(counts);
    }

    public Task<string?> SegmentOfAsync(string userId, ClusterModel model, DateTimeOffset now) =>
        Task.FromResult(_journeys.TryGetValue(userId, out var journey) && JourneyFeatures.Of(journey, now) is { } values
            ? model.SegmentIds[model.Nearest(values)]
            : null);
}
