using Microsoft.Extensions.DependencyInjection.Extensions;
using AdOrleans.Persistence.Postgres.AdoNet;
using Orleans.Runtime.Membership;

namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>Orleans membership (silos) and gateway discovery (clients) on PostgreSQL, with our own schema.</summary>
public static class PostgresClusteringHostingExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans loads Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Silos join and watch the cluster through PostgreSQL; the schema is migrated early in the silo's start.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOrleansSchemaMigration(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>Clients (gateway-only processes) find the silos' gateways in PostgreSQL; the schema is migrated before the first lookup.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOrleansSchemaMigrator(connectionString);
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        // Registered after UseAdoNetClustering so that this registration is the one Orleans resolves.
        builder.Services.TryAddSingleton<AdoNetGatewayListProvider>();
        builder.Services.AddSingleton<IGatewayListProvider, SchemaEnsuringGatewayListProvider>();
        return builder;
    }
}
