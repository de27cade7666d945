using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// A running experiment as the auction uses it: the variants' creatives resolved from the campaign once, and the
/// cumulative weights, so choosing a user's creative is one hash and a short scan (no allocation).
/// </summary>
public sealed class IndexedExperiment
{
    private readonly ulong _seed;
    private readonly int[] _cumulative;
    private readonly Creative[] _creatives;

    private IndexedExperiment(ExperimentLive live, Creative[] creatives)
    {
        Live = live;
        _seed = ExperimentAssignment.Seed(live.Config.Id);
        _creatives = creatives;
        var sum = 0;
        _cumulative = [.. live.Config.Variants.Select(v => sum += v.Weight)];
    }

    public ExperimentLive Live { get; }

    /// <summary>Null when a variant's creative is not one of the campaign's (the gateway refuses such experiments; a stray record is ignored).</summary>
    public static IndexedExperiment? Create(ExperimentLive live, CampaignConfig campaign)
    {
        var creatives = new Creative[live.Config.Variants.Count];
        for (var i = 0; i < creatives.Length; i++)
        {
            if (campaign.Creatives.FirstOrDefault(c => c.Id == live.Config.Variants[i].CreativeId) is not { } creative)
            {
                return null;
            }

            creatives[i] = creative;
        }

        return new IndexedExperiment(live, creatives);
    }

    /// <summary>
    /// The user's variant's creative, or null when it cannot be shown here (the campaign then does not bid: showing
    /// another variant's creative would break the split). Without a user id each auction is assigned at random by
    /// the weights, which keeps the split but not per-user consistency.
    /// </summary>
    public Creative? CreativeFor(string? userId, RtbImp? rtb, int slotWidth, int slotHeight)
    {
        var bucket = userId is null ? Random.Shared.Next(100) : ExperimentAssignment.Bucket(_seed, userId);
        var creative = _creatives[ExperimentAssignment.Variant(_cumulative, bucket)];
        var fits = rtb is null
            ? creative.Format is null or CreativeFormats.Banner && IndexedCampaign.FitsBanner(creative, slotWidth, slotHeight, null)
            : rtb.Fits(creative, slotWidth, slotHeight);
        return fits ? creative : null;
    }
}
