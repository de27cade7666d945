using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Alerts;

[GenerateSerializer]
public sealed class AlertRegistryState
{
    [Id(0)] public Dictionary<string, AlertRule> Rules { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// <see cref="IAlertRegistryGrain"/>. Writes the rule grain before its own list, so a listed rule always exists;
/// a crash between the two leaves at worst an unlisted rule grain, which a retried create overwrites.
/// </summary>
[GrainType(IAlertRegistryGrain.GrainType)]
public sealed class AlertRegistryGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AlertRegistryState> storage, TimeProvider clock) : Grain, IAlertRegistryGrain
{
    /// <summary>The last health sample of each silo: not persisted, every silo sends a new one each interval.</summary>
    private readonly Dictionary<string, (DateTimeOffset At, Dictionary<string, double> Sample)> _health = new(StringComparer.Ordinal);

    private AlertScopeIndex? _index;

    private Dictionary<string, AlertRule> Rules => storage.State.Rules;

    private AlertScopeIndex Index => _index ??= new AlertScopeIndex(Rules.Values);

    public async Task<bool> CreateAsync(AlertRule rule)
    {
        if (Rules.ContainsKey(rule.Id))
        {
            return false;
        }

        await SaveAsync(rule);
        return true;
    }

    public async Task<bool> ReplaceAsync(AlertRule rule)
    {
        if (!Rules.ContainsKey(rule.Id))
        {
            return false;
        }

        await SaveAsync(rule);
        return true;
    }

    public async Task<bool> DeleteAsync(string id)
    {
        if (!Rules.Remove(id))
        {
            return false;
        }

        _index = null;
        await storage.WriteStateAsync();
        await GrainFactory.GetGrain<IAlertRuleGrain>(id).RemoveAsync();
        return true;
    }

    public Task<IReadOnlyList<AlertRule>> ListAsync() => Task.FromResult<IReadOnlyList<AlertRule>>([.. Rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);

    public Task<bool> HasKpiRulesAsync() => Task.FromResult(Index.HasKpiRules);

    public Task<IReadOnlyList<string>> RuleIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. Rules.Keys.Order(StringComparer.Ordinal)]);

    public Task OnCommittedAsync(KpiBucketKey[] buckets)
    {
        foreach (var id in Index.Touched(buckets))
        {
            _ = GrainFactory.GetGrain<IAlertRuleGrain>(id).OnChangedAsync();
        }

        return Task.CompletedTask;
    }

    public Task OnHealthAsync(string process, Dictionary<string, double> sample, TimeSpan freshFor)
    {
        var now = clock.GetUtcNow();
        _health[process] = (now, sample);
        foreach (var stale in _health.Where(h => now - h.Value.At > freshFor).Select(h => h.Key).ToList())
        {
            _health.Remove(stale);
        }

        foreach (var rule in Rules.Values.Where(r => AlertMetrics.IsHealth(r.Metric)))
        {
            var values = _health.Values.Select(h => h.Sample.GetValueOrDefault(rule.Metric)).ToList();
            var value = rule.Metric == AlertMetrics.Lag ? values.Sum() : values.Max();
            _ = GrainFactory.GetGrain<IAlertRuleGrain>(rule.Id).OnHealthAsync(value);
        }

        return Task.CompletedTask;
    }

    private async Task SaveAsync(AlertRule rule)
    {
        await GrainFactory.GetGrain<IAlertRuleGrain>(rule.Id).ConfigureAsync(rule);
        Rules[rule.Id] = rule;
        _index = null;
        await storage.WriteStateAsync();
    }
}
