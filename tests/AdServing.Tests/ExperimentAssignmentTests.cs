using AdOrleans.Grains;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.AdServing.Tests;

public sealed class ExperimentAssignmentTests
{
    private static readonly Gen<int[]> Weights =
        from count in Gen.Choose(2, 5)
        from cuts in Gen.Choose(1, 99).ArrayOf(count - 1)
        let sorted = cuts.Distinct().Order().ToArray()
        where sorted.Length == count - 1
        select sorted.Append(100).Select((c, i) => c - (i == 0 ? 0 : sorted[i - 1])).ToArray();

    private static int[] Cumulative(int[] weights)
    {
        var sum = 0;
        return [.. weights.Select(w => sum += w)];
    }

    [Fact]
    public void AUserAlwaysGetsTheSameVariantOfAnExperiment()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<NonEmptyString>(), (experiment, user) =>
        {
            var first = ExperimentAssignment.Bucket(ExperimentAssignment.Seed(experiment.Get), user.Get);
            var again = ExperimentAssignment.Bucket(ExperimentAssignment.Seed(new string(experiment.Get)), new string(user.Get));
            Assert.Equal(first, again);
            Assert.InRange(first, 0, 99);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EveryBucketFallsInTheVariantWhoseWeightRangeHoldsIt()
    {
        Prop.ForAll(Weights.ToArbitrary(), Gen.Choose(0, 99).ToArbitrary(), (weights, bucket) =>
        {
            var variant = ExperimentAssignment.Variant(Cumulative(weights), bucket);
            var below = weights.Take(variant).Sum();
            Assert.InRange(bucket, below, below + weights[variant] - 1);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Deterministic (fixed ids, fixed users), so it cannot flake: the split either holds for these inputs or never.</summary>
    [Theory]
    [InlineData("x-1", new[] { 50, 50 })]
    [InlineData("checkout-button", new[] { 10, 90 })]
    [InlineData("Spring Sale 2027", new[] { 45, 2, 53 })]
    [InlineData("e", new[] { 20, 20, 20, 20, 20 })]
    public void HundredThousandUsersSplitByTheWeightsWithinFourStandardErrors(string experiment, int[] weights)
    {
        const int users = 100_000;
        var seed = ExperimentAssignment.Seed(experiment);
        var cumulative = Cumulative(weights);
        var counts = new int[weights.Length];
        for (var u = 0; u < users; u++)
        {
            counts[ExperimentAssignment.Variant(cumulative, ExperimentAssignment.Bucket(seed, $"user-{u}"))]++;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            var p = weights[i] / 100.0;
            var tolerance = 4 * Math.Sqrt(users * p * (1 - p));
            Assert.InRange(counts[i], (users * p) - tolerance, (users * p) + tolerance);
        }
    }

    [Fact]
    public void TheHundredBucketsAreEquallyLikely()
    {
        // Chi-square over 100 buckets of 200,000 user ids (99 df): above 148 has probability 0.001.
        var seed = ExperimentAssignment.Seed("uniformity");
        var counts = new int[100];
        for (var u = 0; u < 200_000; u++)
        {
            counts[ExperimentAssignment.Bucket(seed, $"{u:x}@example.com")]++;
        }

        var chiSquare = counts.Sum(c => Math.Pow(c - 2000, 2) / 2000);
        Assert.True(chiSquare < 148, $"chi-square {chiSquare:F1}");
    }

    [Fact]
    public void DifferentExperimentsSplitTheSameUsersIndependently()
    {
        var (a, b) = (ExperimentAssignment.Seed("x-1"), ExperimentAssignment.Seed("x-2"));
        var same = Enumerable.Range(0, 10_000).Count(u => ExperimentAssignment.Bucket(a, $"u{u}") < 50 == ExperimentAssignment.Bucket(b, $"u{u}") < 50);

        // Independent halves agree for half the users (σ = 50).
        Assert.InRange(same, 4_800, 5_200);
    }
}
