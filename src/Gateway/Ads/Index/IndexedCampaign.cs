using System.Collections.Frozen;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// A campaign in the auction index. Its configuration never changes after create, so the lookup sets are built
/// once; the live figures are one immutable record swapped atomically when the state topic brings a new one.
/// </summary>
public sealed class IndexedCampaign
{
    public IndexedCampaign(CampaignLive live, long indexedAtMs)
    {
        _live = live;
        Config = live.Config;
        Id = Config.Id;
        IsCpc = Config.BidType != BidTypes.Cpm;
        BidMicros = Config.BidMicros;
        Geos = Config.Targeting.Geos.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Devices = Config.Targeting.Devices.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Segments = [.. Config.Targeting.Segments];
        Lease = new BudgetLease(indexedAtMs);
        CtrHash = Grains.Ctr.CtrFeatures.Hash(Grains.Ctr.CtrFeatures.Field.Campaign, Id);
    }

    private volatile CampaignLive _live;
    private volatile IndexedExperiment? _experiment;
    private volatile CtrPartials? _ctrPartials;

    public string Id { get; }

    public CampaignConfig Config { get; }

    /// <summary>Copied from <see cref="Config"/> so the auction's ranking loop reads one object per candidate.</summary>
    public bool IsCpc { get; }

    public long BidMicros { get; }

    /// <summary>The campaign's CTR-model feature hash, computed once rather than per auction.</summary>
    public ulong CtrHash { get; }

    public CampaignLive Live
    {
        get => _live;
        set => _live = value;
    }

    /// <summary>The campaign's A/B experiment, when it has one: it then chooses the creative (docs/experiments.md).</summary>
    public IndexedExperiment? Experiment
    {
        get => _experiment;
        set => _experiment = value;
    }

    /// <summary>This campaign's weights under the gateway's current CTR model, filled by the first auction that needs them.</summary>
    public CtrPartials? CtrPartials
    {
        get => _ctrPartials;
        set => _ctrPartials = value;
    }

    public FrozenSet<string> Geos { get; }

    public FrozenSet<string> Devices { get; }

    public string[] Segments { get; }

    /// <summary>The slice of the budget this gateway may spend (a new campaign is leased at once: it counts as wanted).</summary>
    public BudgetLease Lease { get; }

    /// <summary>The first banner creative that fits the slot; null when none fits (OpenRTB picks its own: RtbImp.CreativeFor).</summary>
    public Creative? CreativeFor(int width, int height)
    {
        // Indexed, not foreach: the list is an IReadOnlyList, and a boxed enumerator per candidate showed in the auction's allocations.
        var creatives = Config.Creatives;
        for (var i = 0; i < creatives.Count; i++)
        {
            var creative = creatives[i];
            if (creative.Format is null or CreativeFormats.Banner && FitsBanner(creative, width, height, null))
            {
                return creative;
            }
        }

        return null;
    }

    /// <summary>The slot's size (0 = any) and, when sizes are requested, one of them.</summary>
    public static bool FitsBanner(Creative creative, int width, int height, IReadOnlyList<(int W, int H)>? formats) =>
        (width == 0 || creative.Width == width) && (height == 0 || creative.Height == height)
        && (formats is null || formats.Count == 0 || formats.Contains((creative.Width, creative.Height)));
}
