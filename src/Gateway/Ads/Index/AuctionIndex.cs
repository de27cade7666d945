using System.Collections.Concurrent;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// The gateway's local copy of every campaign, slot and segment, fed from the state topic. Auctions read it
/// without locks: campaign figures and slot configs are immutable records swapped atomically, and candidate
/// lists are copy-on-write arrays replaced under a writer lock (they only change when a campaign is created).
/// </summary>
public sealed class AuctionIndex(TimeProvider clock, LeaseRenewalSignal leaseRenewal)
{
    private readonly ConcurrentDictionary<string, IndexedCampaign> _campaigns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IndexedSlot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SegmentConfig> _segments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ExperimentLive> _experiments = new(StringComparer.Ordinal);
    private readonly Lock _writer = new();
    private volatile IndexedCampaign[] _anySlot = [];
    private volatile CtrScorer? _ctr;

    public int CampaignCount => _campaigns.Count;

    /// <summary>Campaigns without slot targeting: candidates in every slot.</summary>
    public IndexedCampaign[] AnySlot => _anySlot;

    public IEnumerable<IndexedCampaign> Campaigns => _campaigns.Values;

    public bool TryGetCampaign(string id, out IndexedCampaign campaign) => _campaigns.TryGetValue(id, out campaign!);

    /// <summary>A slot whose configuration has arrived; slots only named by campaign targeting are not returned.</summary>
    public IndexedSlot? Slot(string id) => _slots.TryGetValue(id, out var slot) && slot.Config is not null ? slot : null;

    public SegmentConfig? Segment(string id) => _segments.GetValueOrDefault(id);

    /// <summary>The newest CTR model the state topic has brought; null before the first (docs/ctr.md).</summary>
    public CtrScorer? Ctr => _ctr;

    /// <summary>Every experiment the state topic has brought, by id.</summary>
    public IEnumerable<ExperimentLive> Experiments => _experiments.Values;

    public void Apply(AdStateRecord record)
    {
        if (record.Campaign is { } live)
        {
            Apply(live);
        }
        else if (record.Slot is { } slot)
        {
            SlotEntry(slot.Id).Config = slot;
        }
        else if (record.Segment is { } segment)
        {
            _segments[segment.Id] = segment;
        }
        else if (record.Experiment is { } experiment)
        {
            _experiments[experiment.Config.Id] = experiment;
            if (_campaigns.TryGetValue(experiment.Config.CampaignId, out var campaign))
            {
                campaign.Experiment = IndexedExperiment.Create(experiment, campaign.Config);
            }
        }
        else if (record.CtrModel is { } model)
        {
            Apply(model);
        }
    }

    /// <summary>Keeps the newest version. The model's records are in order on one partition; the check guards against a stray older one.</summary>
    private void Apply(Grains.Ctr.CtrModelSnapshot model)
    {
        lock (_writer)
        {
            if ((_ctr is null || model.Version > _ctr.Version) && CtrScorer.From(model) is { } scorer)
            {
                _ctr = scorer;
            }
        }
    }

    private void Apply(CampaignLive live)
    {
        if (_campaigns.TryGetValue(live.Config.Id, out var existing))
        {
            existing.Live = live;
            return;
        }

        lock (_writer)
        {
            if (_campaigns.TryGetValue(live.Config.Id, out existing))
            {
                existing.Live = live;
                return;
            }

            var campaign = new IndexedCampaign(live, clock.GetUtcNow().ToUnixTimeMilliseconds());
            if (campaign.Config.Targeting.Slots.Count == 0)
            {
                _anySlot = CandidateOrder.With(_anySlot, campaign);
            }

            foreach (var slotId in campaign.Config.Targeting.Slots.Distinct(StringComparer.Ordinal))
            {
                var slot = SlotEntry(slotId);
                slot.Candidates = CandidateOrder.With(slot.Candidates, campaign);
            }

            _campaigns[campaign.Id] = campaign;

            // State partitions are read independently: an experiment may have arrived before its campaign. Checked
            // after the campaign is in the map, as the experiment's side checks the map after storing itself.
            if (_experiments.Values.FirstOrDefault(e => e.Config.CampaignId == campaign.Id) is { } experiment)
            {
                campaign.Experiment = IndexedExperiment.Create(experiment, campaign.Config);
            }
        }

        // A new campaign needs its first lease before it can win anything.
        leaseRenewal.Low(_campaigns[live.Config.Id]);
    }

    private IndexedSlot SlotEntry(string id) => _slots.GetOrAdd(id, static _ => new IndexedSlot());
}

/// <summary>A slot: its configuration (null until its PUT arrives) and the campaigns that target it by name.</summary>
public sealed class IndexedSlot
{
    private volatile SlotConfig? _config;
    private volatile IndexedCampaign[] _candidates = [];

    public SlotConfig? Config
    {
        get => _config;
        set => _config = value;
    }

    public IndexedCampaign[] Candidates
    {
        get => _candidates;
        set => _candidates = value;
    }
}
