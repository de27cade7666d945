using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Runtime;

/// <summary>
/// The process's grain directory and factory: one table of live activations per grain type.
/// A key has at most one activation here; the partition it hashes to decides which process hosts it.
/// </summary>
public sealed class GrainCatalog : IGrainFactory
{
    private readonly FrozenDictionary<Type, GrainType> _byInterface;
    private readonly FrozenDictionary<string, GrainType> _byName;
    private readonly FrozenDictionary<string, GrainType[]> _byTopic;

    public GrainCatalog(
        IEnumerable<GrainTypeRegistration> registrations,
        IServiceProvider services,
        IGrainStateStore store,
        IOptions<GrainRuntimeOptions> options,
        ILogger<GrainCatalog> logger)
    {
        Store = store;
        Options = options.Value;
        Logger = logger;
        var types = registrations.Select(r =>
        {
            var factory = ActivatorUtilities.CreateFactory(r.ImplementationType, Type.EmptyTypes);
            return new GrainType(r, this, () => (Grain)factory(services, null));
        }).ToList();
        _byInterface = types.ToFrozenDictionary(t => t.Registration.InterfaceType);
        _byName = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _byTopic = types.SelectMany(t => t.Registration.Topics.Select(topic => (topic, t)))
            .GroupBy(x => x.topic, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.t).ToArray(), StringComparer.Ordinal);
    }

    internal IGrainStateStore Store { get; }

    internal GrainRuntimeOptions Options { get; }

    internal ILogger Logger { get; }

    internal IGrainFactory Factory => this;

    internal JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    internal IEnumerable<GrainType> Types => _byName.Values;

    public IReadOnlyCollection<string> TopicsSubscribed => _byTopic.Keys;

    public GrainRef<TGrain> GetGrain<TGrain>(string key) where TGrain : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _byInterface.TryGetValue(typeof(TGrain), out var type)
            ? new GrainRef<TGrain>(type, key)
            : throw new InvalidOperationException($"No grain class is registered for {typeof(TGrain).Name}.");
    }

    internal GrainType[] SubscribersOf(string topic) => _byTopic.TryGetValue(topic, out var types) ? types : [];

    public int ActivationCount => _byName.Values.Sum(t => t.Activations.Count);

    public IReadOnlyList<GrainTypeSnapshot> Snapshot() =>
        [.. _byName.Values.Select(t => t.Metrics.Snapshot(t.Activations.Count)).OrderBy(s => s.GrainType, StringComparer.Ordinal)];

    /// <summary>Queues an idle check on every activation that has had no message for the configured age.</summary>
    public int CollectIdleActivations()
    {
        var idleSince = Environment.TickCount64 - (long)Options.IdleDeactivationAge.TotalMilliseconds;
        var candidates = 0;
        foreach (var type in _byName.Values)
        {
            foreach (var activation in type.Activations.Values)
            {
                if (activation.LastActiveTicks <= idleSince && activation.IsIdle)
                {
                    activation.CollectIfIdle(idleSince);
                    candidates++;
                }
            }
        }

        return candidates;
    }

    /// <summary>Deactivates the activations that match, each in a turn of its own, and waits for all of them.</summary>
    public Task DeactivateAsync(DeactivationReason reason, Func<GrainId, bool>? where = null) =>
        Task.WhenAll(_byName.Values
            .SelectMany(t => t.Activations.Values)
            .Where(a => where is null || where(a.Id))
            .Select(a => a.DeactivateAsync(reason, wait: true)));
}
