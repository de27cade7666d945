namespace AdOrleans.Grains;

/// <summary>
/// One audience clustering run (key: its run id): k-means over per-user features from the journeys; its clusters
/// become user segments <c>cluster-&lt;run&gt;-&lt;n&gt;</c> that campaigns can target.
/// </summary>
public interface IClusterRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run in the background; <paramref name="k"/> null lets the silhouette choose 2–8.</summary>
    Task StartAsync(int? k, int seed);

    Task<ClusterRun?> GetAsync();
}

[GenerateSerializer, Immutable]
public sealed record ClusterRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] string State,
    [property: Id(2)] int? K,
    [property: Id(3)] int Users,
    [property: Id(4)] double? Silhouette,
    [property: Id(5)] IReadOnlyList<ClusterSegment> Segments,
    [property: Id(6)] string Progress,
    [property: Id(7)] string? Failure);

[GenerateSerializer, Immutable]
public sealed record ClusterSegment(
    [property: Id(0)] string SegmentId,
    [property: Id(1)] int Size,
    [property: Id(2)] IReadOnlyDictionary<string, double> Centroid,
    [property: Id(3)] string Label);

/// <summary>One user's features for clustering (names in <see cref="UserFeatures.Names"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record UserFeatureRow([property: Id(0)] string UserId, [property: Id(1)] double[] Values);

public static class UserFeatures
{
    /// <summary>Recency (days since the last event), frequency (events held), monetary (conversion value, units), then each channel's share of the user's events.</summary>
    public static readonly IReadOnlyList<string> Names = ["recencyDays", "frequency", "monetary", "display", "search", "social", "email", "video", "web"];
}
