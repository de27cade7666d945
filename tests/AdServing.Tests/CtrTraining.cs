using AdOrleans.Grains;
using AdOrleans.Grains.Ctr;

namespace AdOrleans.AdServing.Tests;

/// <summary>A cell of synthetic traffic: where the ad ran and how often it is clicked there.</summary>
internal sealed record CtrCell(string Slot, string Device, string Campaign, string Creative, double Ctr);

/// <summary>Trains an <see cref="FtrlLearner"/> on synthetic impressions and clicks, as the model grain does.</summary>
internal static class CtrTraining
{
    public static readonly FtrlSettings Settings = new CtrOptions().Ftrl;

    public static TrackedEvent Impression(CtrCell cell, int hour) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), Type = EventTypes.Impression, CampaignId = cell.Campaign, CreativeId = cell.Creative,
        SlotId = cell.Slot, Device = cell.Device, Geo = "US", Channel = "display",
        OccurredAt = new DateTimeOffset(2026, 1, 1, hour, 0, 0, TimeSpan.Zero), ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>
    /// Impressions drawn at random over the cells and all 24 hours; each click reaches the learner <paramref name="clickDelay"/>
    /// impressions after its impression, as clicks follow impressions on the log.
    /// </summary>
    public static FtrlLearner Train(IReadOnlyList<CtrCell> cells, int impressions, int seed = 1, int clickDelay = 500)
    {
        var learner = new FtrlLearner(Settings);
        var random = new Random(seed);
        var pending = new Queue<(int Due, int[] Features)>();
        var features = new int[CtrFeatures.MaxFeatures];
        for (var i = 0; i < impressions; i++)
        {
            while (pending.Count > 0 && pending.Peek().Due <= i)
            {
                learner.Click(pending.Dequeue().Features);
            }

            var cell = cells[random.Next(cells.Count)];
            var count = CtrExamples.Features(features, Settings.Bits, Impression(cell, random.Next(24)));
            learner.Impression(features.AsSpan(0, count));
            if (random.NextDouble() < cell.Ctr)
            {
                pending.Enqueue((i + clickDelay, features[..count]));
            }
        }

        return learner;
    }

    public static double Predict(FtrlLearner learner, CtrCell cell, int hour = 12)
    {
        var features = new int[CtrFeatures.MaxFeatures];
        var count = CtrExamples.Features(features, Settings.Bits, Impression(cell, hour));
        return learner.Predict(features.AsSpan(0, count));
    }

    public static CtrModelSnapshot Snapshot(FtrlLearner learner, long version = 1)
    {
        var (indices, weights) = learner.NonZeroWeights();
        return new CtrModelSnapshot { Version = version, Bits = Settings.Bits, Impressions = learner.Impressions, Clicks = learner.Clicks, Indices = indices, Weights = weights };
    }
}
