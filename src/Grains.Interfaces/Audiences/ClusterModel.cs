namespace AdOrleans.Grains;

/// <summary>
/// What a completed clustering run learned, enough to place any user now: the features' means and scales (the
/// z-scores the fit used) and each segment's centroid in the features' own units. A user whose features change is
/// placed anew by <see cref="Nearest"/>: membership is live, not the run's snapshot.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClusterModel(
    [property: Id(0)] string RunId,
    [property: Id(1)] double[] Mean,
    [property: Id(2)] double[] Scale,
    [property: Id(3)] double[][] Centroids,
    [property: Id(4)] IReadOnlyList<string> SegmentIds)
{
    /// <summary>The index of the centroid nearest to <paramref name="features"/> (raw units), in the standardized space of the fit.</summary>
    public int Nearest(double[] features)
    {
        var (best, bestDistance) = (0, double.MaxValue);
        for (var c = 0; c < Centroids.Length; c++)
        {
            var distance = 0.0;
            for (var d = 0; d < features.Length; d++)
            {
                var delta = (features[d] - Centroids[c][d]) / Scale[d];
                distance += delta * delta;
            }

            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return best;
    }
}
