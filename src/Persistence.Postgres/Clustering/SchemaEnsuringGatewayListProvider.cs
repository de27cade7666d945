using AdOrleans.Persistence.Postgres.AdoNet;
using Orleans.Runtime.Membership;

namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>
/// The client's gateway list provider, migrating first. A client has no lifecycle stage early enough: it
/// initialises its gateway list provider while connecting, before the client lifecycle participants run, so the
/// migration goes where the provider is initialised. That lets a gateway-only process start before any silo.
/// </summary>
internal sealed class SchemaEnsuringGatewayListProvider(OrleansSchemaMigrator migrator, AdoNetGatewayListProvider inner) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => inner.MaxStaleness;

    [Obsolete("Orleans no longer reads it; every provider is updatable.")]
    public bool IsUpdatable => true;

    public async Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken);
        await inner.InitializeGatewayListProviderAsync(cancellationToken);
    }

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) => inner.GetGatewaysAsync(cancellationToken);

    // The interface still requires the members without a token; they are the same calls.
    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
