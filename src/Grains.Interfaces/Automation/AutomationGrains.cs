using AdOrleans.Grains.Attribution;
using AdOrleans.Log;
using Orleans.Concurrency;

namespace AdOrleans.Grains.Automation;

/// <summary>The cluster's automation rules (one activation, <see cref="Key"/>): the source of truth the evaluators cache.</summary>
public interface IAutomationRegistryGrain : IGrainWithStringKey
{
    public const string GrainType = "automation-registry";
    public const string Key = "cluster";

    /// <summary>False when a rule with the id exists. Every shard has dropped its cached rules before this completes.</summary>
    Task<bool> CreateAsync(AutomationRule rule);

    Task<bool> DeleteAsync(string id);

    Task<IReadOnlyList<AutomationRule>> ListAsync();

    /// <summary>Whether any rule exists: the partition aggregators forward users' events to the shards only then.</summary>
    Task<bool> HasRulesAsync();
}

/// <summary>One rule (keyed by its id): its definition and its last firings with their actions' attempts.</summary>
public interface IAutomationRuleGrain : IGrainWithStringKey
{
    public const string GrainType = "automation-rule";

    Task ConfigureAsync(AutomationRule rule);

    Task RemoveAsync();

    Task<AutomationRule?> GetAsync();

    /// <summary>
    /// Stores the firings it has not seen (by id) and starts their actions; completes once they are stored, so the
    /// shard that decided them may forget them. A repeated firing is ignored.
    /// </summary>
    Task FireAsync(IReadOnlyList<AutomationFiring> firings);

    /// <summary>Newest first, with attempts; <c>Total</c> counts every firing since the rule was created.</summary>
    Task<AutomationFirings> FiringsAsync();

    [OneWay]
    Task RecordAttemptAsync(string firingId, AutomationAttempt attempt);

    /// <summary>Forgets the firings that name the user (docs/privacy.md); returns how many. Idempotent.</summary>
    Task<int> EraseUserAsync(string userId);
}

[GenerateSerializer, Immutable]
public sealed record AutomationFirings([property: Id(0)] long Total, [property: Id(1)] IReadOnlyList<AutomationFiring> Firings);

/// <summary>
/// The automation state of the users whose id hashes to one shard (as many shards as the events topic has partitions,
/// like the journey shards). The partition aggregators call it with their users' new events before they commit their
/// own delivery, and again if that delivery is replayed; offsets applied per partition make the repeat a no-op.
/// </summary>
public interface IAutomationShardGrain : IGrainWithStringKey
{
    public const string GrainType = "automation-shard";

    /// <summary>Applies events in offset order per partition; fires the rules they trigger. Completes once durable.</summary>
    Task TrackAsync(IReadOnlyList<JourneyEvent> events);

    /// <summary>Rules changed: the cached rules are dropped (read again before the next event). Interleaves, so the registry never waits on a busy shard.</summary>
    [AlwaysInterleave]
    Task RulesChangedAsync();

    /// <summary>Activates the shard so that its pending inactivity deadlines have a timer again (after a restart).</summary>
    Task WakeAsync();

    /// <summary>Forgets the user (segments, waits, fired windows, undelivered firings) and deletes its stored row; returns 1 if it held any. Idempotent.</summary>
    Task<int> EraseUserAsync(string userId);

    public static string KeyOf(string userId, int shards) =>
        KeyPartitioner.Partition(userId, shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
