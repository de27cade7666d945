namespace AdOrleans.Grains.Audiences;

/// <summary>The result of one k-means fit: each point's cluster and the centroids (in the space the points were given in).</summary>
public sealed record KMeansFit(int[] Assignment, double[][] Centroids);

/// <summary>
/// k-means (Lloyd's iterations from k-means++ seeding) and the silhouette score, deterministic for a seed. Written
/// here rather than pulled in from ML.NET, whose trainer needs its data-view pipeline for a 60-line algorithm; the
/// tests check it against hand-computed answers.
/// </summary>
public static class KMeans
{
    public const int MaxIterations = 100;

    /// <summary>
    /// Lloyd's iterations stop once at most this share of the points changed cluster in one (none, below 10,000
    /// points): over a million users the last iterations move a handful of borderline points each, at full cost.
    /// </summary>
    public const double ConvergedShare = 1e-4;

    public static KMeansFit Fit(IReadOnlyList<double[]> points, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        var random = new Random(seed);
        var centroids = SeedPlusPlus(points, k, random);
        var assignment = new int[points.Count];
        var converged = (int)(points.Count * ConvergedShare);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var moved = 0;
            for (var i = 0; i < points.Count; i++)
            {
                var nearest = Nearest(points[i], centroids);
                moved += nearest != assignment[i] || iteration == 0 ? 1 : 0;
                assignment[i] = nearest;
            }

            if (moved <= converged)
            {
                break;
            }

            centroids = Means(points, assignment, centroids);
        }

        return new KMeansFit(assignment, centroids);
    }

    /// <summary>Mean over points of (b − a) / max(a, b): a = mean distance to its own cluster, b = to the nearest other. In [−1, 1]; higher is better separated.</summary>
    public static double Silhouette(IReadOnlyList<double[]> points, int[] assignment, int k)
    {
        var total = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var sums = new double[k];
            var counts = new int[k];
            for (var j = 0; j < points.Count; j++)
            {
                if (i != j)
                {
                    sums[assignment[j]] += Math.Sqrt(Distance2(points[i], points[j]));
                    counts[assignment[j]]++;
                }
            }

            var own = assignment[i];
            if (counts[own] == 0)
            {
                continue;
            }

            var a = sums[own] / counts[own];
            var b = Enumerable.Range(0, k).Where(c => c != own && counts[c] > 0).Select(c => sums[c] / counts[c]).DefaultIfEmpty(0).Min();
            total += Math.Max(a, b) == 0 ? 0 : (b - a) / Math.Max(a, b);
        }

        return points.Count == 0 ? 0 : total / points.Count;
    }

    public static double Distance2(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }

        return sum;
    }

    private static int Nearest(double[] point, double[][] centroids)
    {
        var (best, bestDistance) = (0, double.MaxValue);
        for (var c = 0; c < centroids.Length; c++)
        {
            var distance = Distance2(point, centroids[c]);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return best;
    }

    /// <summary>The first centroid uniformly, each next one with probability proportional to its squared distance from the nearest chosen.</summary>
    private static double[][] SeedPlusPlus(IReadOnlyList<double[]> points, int k, Random random)
    {
        var centroids = new List<double[]> { points[random.Next(points.Count)] };
        var distances = new double[points.Count];
        Array.Fill(distances, double.MaxValue);
        while (centroids.Count < k)
        {
            // Only the newest centroid can be nearer than before: O(n) per centroid, not O(n·k).
            for (var i = 0; i < points.Count; i++)
            {
                distances[i] = Math.Min(distances[i], Distance2(points[i], centroids[^1]));
            }

            var target = random.NextDouble() * distances.Sum();
            var (chosen, cumulative) = (0, distances[0]);
            while (cumulative < target && chosen < points.Count - 1)
            {
                chosen++;
                cumulative += distances[chosen];
            }

            centroids.Add(points[chosen]);
        }

        return [.. centroids.Select(c => (double[])c.Clone())];
    }

    /// <summary>Each cluster's mean; an emptied cluster keeps its previous centroid.</summary>
    private static double[][] Means(IReadOnlyList<double[]> points, int[] assignment, double[][] previous)
    {
        var dimensions = previous[0].Length;
        var sums = previous.Select(_ => new double[dimensions]).ToArray();
        var counts = new int[previous.Length];
        for (var i = 0; i < points.Count; i++)
        {
            counts[assignment[i]]++;
            for (var d = 0; d < dimensions; d++)
            {
                sums[assignment[i]][d] += points[i][d];
            }
        }

        return [.. sums.Select((sum, c) => counts[c] == 0 ? previous[c] : sum.Select(v => v / counts[c]).ToArray())];
    }
}
