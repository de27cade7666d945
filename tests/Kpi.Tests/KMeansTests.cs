using AdOrleans.Grains.Audiences;

namespace AdOrleans.Kpi.Tests;

/// <summary>k-means and the silhouette against answers computed by hand.</summary>
public sealed class KMeansTests
{
    private static readonly double[][] TwoGroups = [[0], [1], [2], [10], [11], [12]];

    [Fact]
    public void Two_separated_groups_get_their_means_as_centroids()
    {
        var fit = KMeans.Fit(TwoGroups, 2, seed: 3);

        Assert.Equal([1.0, 11.0], fit.Centroids.Select(c => c[0]).Order());
        Assert.Single(fit.Assignment.Take(3).Distinct());
        Assert.Single(fit.Assignment.Skip(3).Distinct());
        Assert.NotEqual(fit.Assignment[0], fit.Assignment[5]);
    }

    [Fact]
    public void The_silhouette_of_two_groups_is_the_hand_computed_mean()
    {
        // Points 0 and 12: a = 1.5, b = 11 → 19/22; 1 and 11: a = 1, b = 10 → 9/10; 2 and 10: a = 1.5, b = 9 → 5/6.
        var expected = (19.0 / 22 + 9.0 / 10 + 5.0 / 6) / 3;

        Assert.Equal(expected, KMeans.Silhouette(TwoGroups, [0, 0, 0, 1, 1, 1], 2), precision: 12);
    }

    [Fact]
    public void A_seed_gives_the_same_clusters_every_time()
    {
        var random = new Random(11);
        var points = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();

        Assert.Equal(KMeans.Fit(points, 4, seed: 5).Assignment, KMeans.Fit(points, 4, seed: 5).Assignment);
    }

    [Fact]
    public void Without_a_k_the_silhouette_chooses_the_number_of_blobs()
    {
        var random = new Random(2);
        double[][] centres = [[0, 0, 0], [20, 0, 5], [0, 20, 10]];
        var points = centres.SelectMany(c => Enumerable.Range(0, 50).Select(_ => c.Select(v => v + random.NextDouble()).ToArray())).ToList();

        var (k, silhouette, assignment, _, _, _) = AudienceClustering.Run(points, k: null, seed: 1);

        Assert.Equal(3, k);
        Assert.True(silhouette > 0.9, $"silhouette {silhouette}");
        Assert.All(assignment.Chunk(50), blob => Assert.Single(blob.Distinct()));
    }

    [Fact]
    public void Beyond_the_choice_sample_k_is_chosen_on_a_sample_and_every_point_is_assigned_by_the_full_fit()
    {
        var random = new Random(4);
        double[][] centres = [[0, 0], [30, 0], [0, 30]];
        var perBlob = AudienceClustering.ChoiceSample;
        var points = centres.SelectMany(c => Enumerable.Range(0, perBlob).Select(_ => c.Select(v => v + random.NextDouble()).ToArray())).ToList();

        var (k, _, assignment, centroids, _, _) = AudienceClustering.Run(points, k: null, seed: 1);

        Assert.Equal(3, k);
        Assert.Equal(points.Count, assignment.Length);
        Assert.All(assignment.Chunk(perBlob), blob => Assert.Single(blob.Distinct()));
        Assert.All(centroids, c => Assert.Contains(centres, centre => Math.Abs(centre[0] + 0.5 - c[0]) < 0.05 && Math.Abs(centre[1] + 0.5 - c[1]) < 0.05));
    }
}
