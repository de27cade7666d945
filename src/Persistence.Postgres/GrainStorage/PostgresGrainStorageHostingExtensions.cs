using AdOrleans.Persistence.Postgres.AdoNet;
using AdOrleans.Persistence.Postgres.Clustering;
using Orleans.Storage;

namespace AdOrleans.Persistence.Postgres.GrainStorage;

/// <summary>Orleans' ADO.NET grain storage on PostgreSQL, with our own schema.</summary>
public static class PostgresGrainStorageHostingExtensions
{
    /// <summary>
    /// Grains naming <paramref name="name"/> in <c>[PersistentState]</c> are stored by Orleans' ADO.NET provider,
    /// through <see cref="AdoNetGrainStorageAdapter"/>; the schema is migrated early in the silo's start. Needs the
    /// <see cref="GroupCommitter"/> of the PostgreSQL store, which writes the rows such grains emit.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOrleansSchemaMigration(connectionString);

        // Orleans' provider under a name of its own (grains never name it), so that the adapter is what they get.
        var adoNetName = name + "/ado-net";
        builder.Services.AddAdoNetGrainStorage(adoNetName, options =>
        {
            options.Invariant = PostgresClusteringHostingExtensions.Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new GrainStateJson();

            // A cleared state is an erased user's contact record (docs/privacy.md): its row, key included, goes.
            options.DeleteStateOnClear = true;
        });
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            new AdoNetGrainStorageAdapter(sp.GetRequiredKeyedService<IGrainStorage>(adoNetName), sp.GetRequiredService<GroupCommitter>(), connectionString));
        return builder;
    }
}
