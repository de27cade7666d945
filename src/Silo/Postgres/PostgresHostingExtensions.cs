using AdOrleans.Runtime;
using AdOrleans.Silo.Postgres;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class PostgresHostingExtensions
{
    /// <summary>Grain state and offsets in PostgreSQL (<c>ConnectionStrings:Postgres</c>); the schema is migrated on start.</summary>
    public static IHostApplicationBuilder AddPostgresStateStore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")!;
        builder.Services.AddSingleton(sp => new PostgresGrainStateStore(NpgsqlDataSource.Create(connectionString), sp.GetServices<IPostgresRowWriter>()));
        builder.Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<PostgresGrainStateStore>());
        builder.Services.AddHostedService<PostgresSchemaMigrator>();
        return builder;
    }
}
