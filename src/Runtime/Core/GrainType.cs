using System.Collections.Concurrent;

namespace AdOrleans.Runtime;

/// <summary>A registered grain class: its name, how to create it, the topics it consumes, and its live activations.</summary>
internal sealed class GrainType(GrainTypeRegistration registration, GrainCatalog catalog, Func<Grain> create)
{
    public string Name => Registration.Name;

    public GrainTypeRegistration Registration { get; } = registration;

    public GrainCatalog Catalog { get; } = catalog;

    public ConcurrentDictionary<string, Activation> Activations { get; } = new(StringComparer.Ordinal);

    public GrainTypeMetrics Metrics { get; } = new(registration.Name);

    public Grain CreateInstance() => create();

    public Activation GetActivation(string key) =>
        Activations.TryGetValue(key, out var existing)
            ? existing
            : Activations.GetOrAdd(key, static (k, t) => new Activation(t, k), this);

    public void Dispatch(string key, Turn turn) => GetActivation(key).Enqueue(turn);
}
