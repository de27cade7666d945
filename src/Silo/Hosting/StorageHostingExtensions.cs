using AdOrleans.Runtime;
using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Storage;

namespace Microsoft.Extensions.Hosting;

public static class StorageHostingExtensions
{
    /// <summary>The grain state store: SQLite in the data directory unless PostgreSQL is configured.</summary>
    public static IHostApplicationBuilder AddStateStore(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        if (builder.UsesPostgresStore())
        {
            return builder.AddPostgresStateStore();
        }

        var path = Path.Combine(service.DataDirectory, "state.db");
        builder.Services.AddSingleton(sp => new SqliteGrainStateStore(path, sp.GetServices<ISqliteRowWriter>()));
        builder.Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<SqliteGrainStateStore>());
        return builder;
    }

    /// <summary>Whether grain state (and so every grain-emitted row) lives in PostgreSQL; features pick their row writers and queries by it.</summary>
    public static bool UsesPostgresStore(this IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres"));
}
