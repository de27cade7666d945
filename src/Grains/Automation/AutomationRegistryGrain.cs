using AdOrleans.Log;

namespace AdOrleans.Grains.Automation;

[GenerateSerializer]
public sealed class AutomationRegistryState
{
    [Id(0)] public Dictionary<string, AutomationRule> Rules { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// <see cref="IAutomationRegistryGrain"/>. Writes the rule grain before its own list, so a listed rule always exists;
/// then tells every shard to drop its cached rules before the change is acknowledged, and this silo's
/// <see cref="AutomationWatch"/> at once (other silos learn within <see cref="AutomationOptions.WatchInterval"/>).
/// </summary>
[GrainType(IAutomationRegistryGrain.GrainType)]
public sealed class AutomationRegistryGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AutomationRegistryState> storage, IPartitionedLog log, AutomationWatch watch)
    : Grain, IAutomationRegistryGrain
{
    private Dictionary<string, AutomationRule> Rules => storage.State.Rules;

    public async Task<bool> CreateAsync(AutomationRule rule)
    {
        if (Rules.ContainsKey(rule.Id))
        {
            return false;
        }

        await GrainFactory.GetGrain<IAutomationRuleGrain>(rule.Id).ConfigureAsync(rule);
        Rules[rule.Id] = rule;
        await storage.WriteStateAsync();
        await ChangedAsync();
        return true;
    }

    public async Task<bool> DeleteAsync(string id)
    {
        if (!Rules.Remove(id))
        {
            return false;
        }

        await storage.WriteStateAsync();
        await GrainFactory.GetGrain<IAutomationRuleGrain>(id).RemoveAsync();
        await ChangedAsync();
        return true;
    }

    public Task<IReadOnlyList<AutomationRule>> ListAsync() =>
        Task.FromResult<IReadOnlyList<AutomationRule>>([.. Rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);

    public Task<bool> HasRulesAsync() => Task.FromResult(Rules.Count > 0);

    private async Task ChangedAsync()
    {
        watch.Active = Rules.Count > 0;
        var shards = log.PartitionCount(Topics.Events);
        await Task.WhenAll(Enumerable.Range(0, shards).Select(s =>
            GrainFactory.GetGrain<IAutomationShardGrain>(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).RulesChangedAsync()));
    }
}
