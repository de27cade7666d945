using AdOrleans.Grains;
using AdOrleans.Grains.Ctr;

namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// A published CTR model as the auction scores with it: the weights expanded into a dense array, so a prediction is
/// a few array reads. The request's part of the score (<see cref="Context"/>) is summed once per auction; each CPC
/// candidate then adds its campaign, creative and creative × slot weights (<see cref="Predict"/>). No allocation
/// but one small object per campaign and model version.
/// </summary>
public sealed class CtrScorer
{
    private readonly float[] _weights;
    private readonly int _bits;

    private CtrScorer(CtrModelSnapshot snapshot)
    {
        _bits = snapshot.Bits;
        _weights = new float[1 << snapshot.Bits];
        for (var k = 0; k < snapshot.Indices.Length && k < snapshot.Weights.Length; k++)
        {
            if ((uint)snapshot.Indices[k] < (uint)_weights.Length)
            {
                _weights[snapshot.Indices[k]] = snapshot.Weights[k];
            }
        }

        Version = snapshot.Version;
        Impressions = snapshot.Impressions;
    }

    public long Version { get; }

    public long Impressions { get; }

    /// <summary>Null for a snapshot no gateway could score with (bits out of the trainer's range).</summary>
    public static CtrScorer? From(CtrModelSnapshot snapshot) => snapshot.Bits is >= 10 and <= 24 ? new CtrScorer(snapshot) : null;

    public CtrContext Context(string slotId, string? device, string? geo, int hourUtc, IReadOnlyList<string> segments)
    {
        Span<int> features = stackalloc int[CtrFeatures.MaxContext];
        var count = CtrFeatures.Context(features, _bits, slotId, device, geo, hourUtc, segments);
        var score = 0.0;
        foreach (var i in features[..count])
        {
            score += _weights[i];
        }

        return new CtrContext(score, CtrFeatures.Hash(CtrFeatures.Field.Slot, slotId));
    }

    /// <summary>
    /// The predicted CTR of a candidate showing <paramref name="creative"/>, in (0, 1). Its campaign and creative weights
    /// are summed once per model version and kept on the campaign (<see cref="CtrPartials"/>), so a candidate costs one
    /// hash mix and one read of the creative × slot weight.
    /// </summary>
    public double Predict(in CtrContext context, IndexedCampaign campaign, Creative creative)
    {
        var partials = campaign.CtrPartials;
        if (partials?.Scorer != this)
        {
            campaign.CtrPartials = partials = new CtrPartials(this, campaign);
        }

        var creatives = campaign.Config.Creatives;
        for (var i = 0; i < creatives.Count; i++)
        {
            if (ReferenceEquals(creatives[i], creative))
            {
                return Score(context.Score + partials.Sums[i], partials.CreativeHashes[i], context.SlotHash);
            }
        }

        // Not one of the campaign's own creative objects (no path gives one today): the same sum, computed in full.
        var hash = CtrFeatures.Hash(CtrFeatures.Field.Creative, creative.Id);
        return Score(context.Score + Weight(campaign.CtrHash) + Weight(hash), hash, context.SlotHash);
    }

    internal float Weight(ulong hash) => _weights[CtrFeatures.Index(hash, _bits)];

    private double Score(double partial, ulong creativeHash, ulong slotHash) =>
        FtrlLearner.Sigmoid(partial + Weight(CtrFeatures.Cross(creativeHash, slotHash)));
}

/// <summary>A campaign's campaign + creative weights under one model, per creative (same order as its config's creatives).</summary>
public sealed class CtrPartials
{
    public CtrPartials(CtrScorer scorer, IndexedCampaign campaign)
    {
        Scorer = scorer;
        var creatives = campaign.Config.Creatives;
        CreativeHashes = [.. creatives.Select(c => CtrFeatures.Hash(CtrFeatures.Field.Creative, c.Id))];
        Sums = [.. CreativeHashes.Select(h => (double)scorer.Weight(campaign.CtrHash) + scorer.Weight(h))];
    }

    public CtrScorer Scorer { get; }

    public ulong[] CreativeHashes { get; }

    public double[] Sums { get; }
}

/// <summary>One auction's request-side score and slot hash.</summary>
public readonly record struct CtrContext(double Score, ulong SlotHash);
