namespace AdOrleans.Grains.Audiences;

/// <summary>
/// From feature rows to named clusters: features standardized (z-scores, so days and currency weigh alike), k given
/// or chosen by the best silhouette over 2–8 (on a seeded sample of at most <see cref="SilhouetteSample"/> users),
/// centroids reported back in the features' own units with a label from what stands out.
/// </summary>
public static class AudienceClustering
{
    public const int SilhouetteSample = 2_000;
    public const int MaxChosenK = 8;

    public static (int K, double Silhouette, int[] Assignment, double[][] Centroids) Run(IReadOnlyList<double[]> raw, int? k, int seed)
    {
        var dimensions = raw[0].Length;
        var mean = Enumerable.Range(0, dimensions).Select(d => raw.Average(r => r[d])).ToArray();
        var std = Enumerable.Range(0, dimensions).Select(d => Math.Sqrt(raw.Average(r => (r[d] - mean[d]) * (r[d] - mean[d])))).Select(s => s == 0 ? 1 : s).ToArray();
        var points = raw.Select(r => r.Select((v, d) => (v - mean[d]) / std[d]).ToArray()).ToList();
        var sample = new Random(seed).GetItems(Enumerable.Range(0, points.Count).ToArray(), Math.Min(points.Count, SilhouetteSample)).Distinct().ToArray();
        var candidates = k is { } given ? [given] : Enumerable.Range(2, Math.Max(1, Math.Min(MaxChosenK, points.Count - 1) - 1)).ToArray();
        (int K, double Score, KMeansFit Fit)? best = null;
        foreach (var candidate in candidates)
        {
            var fit = KMeans.Fit(points, candidate, seed);
            var score = KMeans.Silhouette([.. sample.Select(i => points[i])], [.. sample.Select(i => fit.Assignment[i])], candidate);
            if (best is null || score > best.Value.Score)
            {
                best = (candidate, score, fit);
            }
        }

        var (chosen, silhouette, result) = best!.Value;
        var centroids = result.Centroids.Select(c => c.Select((v, d) => v * std[d] + mean[d]).ToArray()).ToArray();
        return (chosen, silhouette, result.Assignment, centroids);
    }

    /// <summary>"high-value recent email": value and recency against the whole audience, then the cluster's main channel.</summary>
    public static string Label(double[] centroid, double[] overallMean)
    {
        var value = centroid[2] > overallMean[2] * 1.5 ? "high-value" : centroid[2] < overallMean[2] * 0.5 ? "low-value" : "mid-value";
        var recency = centroid[0] <= overallMean[0] ? "recent" : "lapsed";
        var channel = Enumerable.Range(3, centroid.Length - 3).MaxBy(d => centroid[d]);
        return $"{value} {recency} {UserFeatures.Names[channel]}";
    }
}
