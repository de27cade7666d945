using AdOrleans.Grains.Ctr;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.AdServing.Tests;

/// <summary>The FTRL learner against known answers (docs/ctr.md).</summary>
public sealed class CtrLearnerTests
{
    private static readonly CtrCell High = new("s-high", "mobile", "c-1", "cr-1", 0.04);
    private static readonly CtrCell Low = new("s-low", "mobile", "c-1", "cr-1", 0.01);

    [Fact]
    public void OnATwoSlotStreamTheModelConvergesToEachSlotsTrueClickRate()
    {
        var learner = CtrTraining.Train([High, Low], 200_000);

        Assert.InRange(CtrTraining.Predict(learner, High), 0.034, 0.046);
        Assert.InRange(CtrTraining.Predict(learner, Low), 0.0085, 0.0115);
    }

    [Fact]
    public void OnHeldOutTrafficTheModelHasALowerLogLossThanTheConstantClickRate()
    {
        var learner = CtrTraining.Train([High, Low], 200_000);
        var random = new Random(99);
        var (model, constant) = (0.0, 0.0);
        const double overall = (0.04 + 0.01) / 2;
        for (var i = 0; i < 100_000; i++)
        {
            var cell = random.Next(2) == 0 ? High : Low;
            var clicked = random.NextDouble() < cell.Ctr;
            var p = CtrTraining.Predict(learner, cell, random.Next(24));
            model -= Math.Log(clicked ? p : 1 - p);
            constant -= Math.Log(clicked ? overall : 1 - overall);
        }

        // The true rates would save 0.0044 nats per impression over the constant; the model must get most of it.
        Assert.True(model / 100_000 < constant / 100_000 - 0.003, $"model {model / 100_000:F5}, constant {constant / 100_000:F5}");
    }

    [Fact]
    public void ClicksWithoutImpressionsOrLongRunsOfImpressionsNeverPushAPredictionToZeroOrOne()
    {
        var steps = Gen.Elements(true, false).ArrayOf().Select(clicks => clicks.Take(2000).ToArray());
        var slots = Gen.Elements("a", "b", "c");
        Prop.ForAll(steps.ToArbitrary(), slots.ToArbitrary(), (clicks, slot) =>
        {
            var learner = new FtrlLearner(CtrTraining.Settings with { Alpha = 5, L1 = 0, L2 = 0 });
            var cell = High with { Slot = slot };
            var features = new int[CtrFeatures.MaxFeatures];
            var count = CtrExamples.Features(features, CtrTraining.Settings.Bits, CtrTraining.Impression(cell, 3));
            foreach (var click in clicks)
            {
                if (click)
                {
                    learner.Click(features.AsSpan(0, count));
                }
                else
                {
                    learner.Impression(features.AsSpan(0, count));
                }
            }

            var p = learner.Predict(features.AsSpan(0, count));
            return p > 0 && p < 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void StoredCoordinatesRestoreTheSamePredictionsAndOtherBitsAreRefused()
    {
        var learner = CtrTraining.Train([High, Low], 20_000);
        var restored = new FtrlLearner(CtrTraining.Settings);

        Assert.True(restored.Import(learner.Export()));
        Assert.Equal(CtrTraining.Predict(learner, High), CtrTraining.Predict(restored, High));
        Assert.Equal((learner.Impressions, learner.Clicks), (restored.Impressions, restored.Clicks));
        Assert.False(new FtrlLearner(CtrTraining.Settings with { Bits = 12 }).Import(learner.Export()));
    }
}
