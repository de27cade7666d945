using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AdOrleans.Persistence.Postgres.AdoNet;

/// <summary>
/// The one migration of the Orleans ADO.NET schema per process, whichever providers ask for it (clustering, grain
/// storage, or both): registering it twice still migrates once, at the first lifecycle stage.
/// </summary>
internal static class OrleansSchemaServices
{
    public static void AddOrleansSchemaMigrator(this IServiceCollection services, string connectionString) =>
        services.TryAddSingleton(sp => new OrleansSchemaMigrator(
            connectionString,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<ILogger<OrleansSchemaMigrator>>()));

    /// <summary>Silos: the migration runs as an early step of the silo's start.</summary>
    public static void AddOrleansSchemaMigration(this IServiceCollection services, string connectionString)
    {
        services.AddOrleansSchemaMigrator(connectionString);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, OrleansSchemaLifecycleParticipant>());
    }
}
