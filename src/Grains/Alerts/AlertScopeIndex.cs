using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// The KPI rules by scope, so dispatching a commit costs the buckets it wrote, not the number of rules: the registry
/// hears every commit of the cluster. Rebuilt whenever the rules change (rarely).
/// </summary>
public sealed class AlertScopeIndex
{
    private readonly Dictionary<string, List<string>> _byCampaign = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byChannel = new(StringComparer.Ordinal);
    private readonly List<string> _everything = [];

    public AlertScopeIndex(IEnumerable<AlertRule> rules)
    {
        foreach (var rule in rules.Where(r => !AlertMetrics.IsHealth(r.Metric)))
        {
            var list = rule.Scope switch
            {
                { CampaignId: { } campaign } => ListOf(_byCampaign, campaign),
                { Channel: { } channel } => ListOf(_byChannel, channel),
                _ => _everything,
            };
            list.Add(rule.Id);
            HasKpiRules = true;
        }
    }

    public bool HasKpiRules { get; }

    /// <summary>The rules whose scope a commit of these buckets touched (minute buckets suffice: every event writes one).</summary>
    public HashSet<string> Touched(IEnumerable<KpiBucketKey> buckets)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var anyChannel = false;
        foreach (var bucket in buckets.Where(b => b.Granularity == KpiGranularity.Minute))
        {
            if (bucket.Dimension == KpiDimensions.Campaign && _byCampaign.TryGetValue(bucket.Id, out var campaignRules))
            {
                touched.UnionWith(campaignRules);
            }
            else if (bucket.Dimension == KpiDimensions.Channel)
            {
                anyChannel = true;
                touched.UnionWith(_byChannel.GetValueOrDefault(bucket.Id) ?? []);
            }
        }

        if (anyChannel)
        {
            touched.UnionWith(_everything);
        }

        return touched;
    }

    private static List<string> ListOf(Dictionary<string, List<string>> index, string key) =>
        index.TryGetValue(key, out var list) ? list : index[key] = [];
}
