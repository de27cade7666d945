using AdOrleans.Grains.Kpi;
using Orleans.Concurrency;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// The cluster's list of rules (one activation, <see cref="Key"/>): the source of truth for which rules exist, and
/// the dispatcher that wakes the rules a commit concerns. Each rule's definition and alerts live in its
/// <see cref="IAlertRuleGrain"/>.
/// </summary>
public interface IAlertRegistryGrain : IGrainWithStringKey
{
    public const string GrainType = "alert-registry";
    public const string Key = "cluster";

    /// <summary>False when a rule with the id exists.</summary>
    Task<bool> CreateAsync(AlertRule rule);

    /// <summary>False when no rule with the id exists.</summary>
    Task<bool> ReplaceAsync(AlertRule rule);

    Task<bool> DeleteAsync(string id);

    Task<IReadOnlyList<AlertRule>> ListAsync();

    /// <summary>Whether any KPI rule exists: silos record committed buckets only then (or for stream clients).</summary>
    Task<bool> HasKpiRulesAsync();

    /// <summary>Rule ids, for listing alerts.</summary>
    Task<IReadOnlyList<string>> RuleIdsAsync();

    /// <summary>Buckets a silo committed: the rules whose scope they touch evaluate.</summary>
    [OneWay]
    Task OnCommittedAsync(KpiBucketKey[] buckets);

    /// <summary>
    /// A silo's pipeline-health sample (metric name → value, of what that silo sees): the health rules evaluate the
    /// cluster's value, lag summed over the silos that sampled within <paramref name="freshFor"/>, the others' maximum.
    /// </summary>
    [OneWay]
    Task OnHealthAsync(string process, Dictionary<string, double> sample, TimeSpan freshFor);
}

/// <summary>One rule (keyed by its id): its definition, its evaluation and its alerts with their webhook deliveries.</summary>
public interface IAlertRuleGrain : IGrainWithStringKey
{
    public const string GrainType = "alert-rule";

    Task ConfigureAsync(AlertRule rule);

    Task RemoveAsync();

    Task<AlertRule?> GetAsync();

    /// <summary>KPI buckets of the rule's scope changed: evaluate (coalesced, at most once per second).</summary>
    [OneWay]
    Task OnChangedAsync();

    [OneWay]
    Task OnHealthAsync(double value);

    Task<IReadOnlyList<Alert>> AlertsAsync(string? state);

    Task<Alert?> GetAlertAsync(string alertId);

    Task<AckOutcome> AcknowledgeAsync(string alertId);

    [OneWay]
    Task RecordDeliveryAsync(string alertId, AlertDelivery delivery);
}
