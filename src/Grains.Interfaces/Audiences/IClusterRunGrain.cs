namespace AdOrleans.Grains;

/// <summary>
/// One audience clustering run (key: its run id): k-means over per-user features from the journeys; its clusters
/// become user segments <c>cluster-&lt;run&gt;-&lt;n&gt;</c> that campaigns can target.
/// </summary>
public interface IClusterRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run in the background; <paramref name="k"/> null lets the silhouette choose 2–8.</summary>
    Task StartAsync(int? k, int seed);

    /// <summary>The run with each segment's size now: its users are re-assigned live as their journeys change.</summary>
    Task<ClusterRun?> GetAsync();

    /// <summary>What a completed run learned, to place users now; null until it completed.</summary>
    Task<ClusterModel?> GetModelAsync();
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

/// <param name="Size">Users nearest to the centroid now (re-assigned live as their journeys change).</param>
/// <param name="SizeAtRun">Users the fit assigned to it.</param>
[GenerateSerializer, Immutable]
public sealed record ClusterSegment(
    [property: Id(0)] string SegmentId,
    [property: Id(1)] int Size,
    [property: Id(2)] IReadOnlyDictionary<string, double> Centroid,
    [property: Id(3)] string Label,
    [property: Id(4)] int SizeAtRun,
    [property: Id(5)] IReadOnlyList<string> TopGeos);

/// <summary>One user's features for clustering (names in <see cref="UserFeatures.Names"/>) and the geo code most of its events had.</summary>
[GenerateSerializer, Immutable]
public sealed record UserFeatureRow([property: Id(0)] string UserId, [property: Id(1)] double[] Values, [property: Id(2)] string? Geo = null);

public static class UserFeatures
{
    public const int FirstChannel = 3;
    public const int FirstDevice = 9;

    /// <summary>
    /// Recency (days since the last event), frequency (events held), monetary (conversion value, units), each
    /// channel's share of the user's events, then each device's share. Geo is not a distance: with hundreds of codes
    /// a one-hot would outweigh everything else, so it describes the clusters (<see cref="ClusterSegment.TopGeos"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> Names =
        ["recencyDays", "frequency", "monetary", "display", "search", "social", "email", "video", "web", "mobile", "desktop", "tablet"];

    /// <summary>
    /// The smallest scale each feature is standardized by: a day of recency, one event, one currency unit, 5 % of a
    /// user's events. Audiences alike in a feature would otherwise have it divided by a near-zero spread, and noise
    /// (seconds of recency as time passes) would decide every user's cluster.
    /// </summary>
    public static readonly IReadOnlyList<double> MinScale = [1, 1, 1, .. Enumerable.Repeat(0.05, 9)];
}
