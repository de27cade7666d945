namespace AdOrleans.Grains.Audiences;

/// <summary>
/// From feature rows to named clusters: features standardized (z-scores, so days and currency weigh alike), k given
/// or chosen by the best silhouette over 2–8, centroids reported back in the features' own units with a label from
/// what stands out. To choose k, each candidate is fitted to a seeded sample of at most <see cref="ChoiceSample"/>
/// users and scored on at most <see cref="SilhouetteSample"/> of them; only the chosen k is fitted to everyone (a
/// million users: one full fit instead of seven).
/// </summary>
public static class AudienceClustering
{
    public const int SilhouetteSample = 2_000;
    public const int ChoiceSample = 20_000;
    public const int MaxChosenK = 8;

    /// <param name="minScale">Per feature, the smallest spread it is divided by (<see cref="UserFeatures.MinScale"/>); none: only a zero spread becomes 1.</param>
    public static ClusterFit Run(IReadOnlyList<double[]> raw, int? k, int seed, IReadOnlyList<double>? minScale = null)
    {
        var dimensions = raw[0].Length;
        var mean = Enumerable.Range(0, dimensions).Select(d => raw.Average(r => r[d])).ToArray();
        var std = Enumerable.Range(0, dimensions).Select(d => Math.Sqrt(raw.Average(r => (r[d] - mean[d]) * (r[d] - mean[d]))))
            .Select((s, d) => minScale is null ? (s == 0 ? 1 : s) : Math.Max(s, minScale[d])).ToArray();
        var points = raw.Select(r => r.Select((v, d) => (v - mean[d]) / std[d]).ToArray()).ToList();
        IReadOnlyList<double[]> choice = points.Count <= ChoiceSample ? points : [.. Sample(points.Count, ChoiceSample, seed).Select(i => points[i])];
        var scored = Sample(choice.Count, SilhouetteSample, seed);
        var candidates = k is { } given ? [given] : Enumerable.Range(2, Math.Max(1, Math.Min(MaxChosenK, choice.Count - 1) - 1)).ToArray();
        (int K, double Score, KMeansFit Fit)? best = null;
        foreach (var candidate in candidates)
        {
            var fit = KMeans.Fit(choice, candidate, seed);
            var score = KMeans.Silhouette([.. scored.Select(i => choice[i])], [.. scored.Select(i => fit.Assignment[i])], candidate);
            if (best is null || score > best.Value.Score)
            {
                best = (candidate, score, fit);
            }
        }

        var (chosen, silhouette, result) = best!.Value;
        if (!ReferenceEquals(choice, points))
        {
            result = KMeans.Fit(points, chosen, seed);
            var final = Sample(points.Count, SilhouetteSample, seed);
            silhouette = KMeans.Silhouette([.. final.Select(i => points[i])], [.. final.Select(i => result.Assignment[i])], chosen);
        }

        var centroids = result.Centroids.Select(c => c.Select((v, d) => v * std[d] + mean[d]).ToArray()).ToArray();
        return new ClusterFit(chosen, silhouette, result.Assignment, centroids, mean, std);
    }

    /// <summary>Distinct indexes of a seeded draw of at most <paramref name="size"/> from 0..<paramref name="count"/>.</summary>
    private static int[] Sample(int count, int size, int seed) =>
        count <= size ? [.. Enumerable.Range(0, count)] : new Random(seed).GetItems(Enumerable.Range(0, count).ToArray(), size).Distinct().ToArray();

    /// <summary>
    /// "high-value recent email": value and recency against the whole audience, then the cluster's main channel, and
    /// its device when most of its events have one ("… email mobile").
    /// </summary>
    public static string Label(double[] centroid, double[] overallMean)
    {
        var value = centroid[2] > overallMean[2] * 1.5 ? "high-value" : centroid[2] < overallMean[2] * 0.5 ? "low-value" : "mid-value";
        var recency = centroid[0] <= overallMean[0] ? "recent" : "lapsed";
        var channel = Enumerable.Range(UserFeatures.FirstChannel, UserFeatures.FirstDevice - UserFeatures.FirstChannel).MaxBy(d => centroid[d]);
        var device = Enumerable.Range(UserFeatures.FirstDevice, centroid.Length - UserFeatures.FirstDevice).MaxBy(d => centroid[d]);
        return $"{value} {recency} {UserFeatures.Names[channel]}{(centroid[device] > 0.5 ? $" {UserFeatures.Names[device]}" : "")}";
    }

    /// <summary>The most frequent home geos of each cluster's users, at most <paramref name="top"/> each.</summary>
    public static IReadOnlyList<string>[] TopGeos(IReadOnlyList<string?> geos, int[] assignment, int k, int top = 3) =>
        [.. Enumerable.Range(0, k).Select(c => (IReadOnlyList<string>)[.. assignment.Select((cluster, i) => (cluster, geo: geos[i]))
            .Where(u => u.cluster == c && u.geo is not null).GroupBy(u => u.geo!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top).Select(g => g.Key)])];
}

/// <summary>A fit: the chosen k, its silhouette, each user's cluster, the centroids in the features' units, and the means and scales the fit standardized with.</summary>
public sealed record ClusterFit(int K, double Silhouette, int[] Assignment, double[][] Centroids, double[] Mean, double[] Scale);
