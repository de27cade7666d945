using AdOrleans.Runtime;
using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Storage;

namespace Microsoft.Extensions.Hosting;

public static class StorageHostingExtensions
{
    /// <summary>The grain state store: SQLite in the data directory unless PostgreSQL is configured.</summary>
    public static IHostApplicationBuilder AddStateStore(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")))
        {
            return builder.AddPostgresStateStore();
        }

        var path = Path.Combine(service.DataDirectory, "state.db");
        builder.Services.AddSingleton(sp => new SqliteGrainStateStore(path, sp.GetServices<ISqliteRowWriter>()));
        builder.Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<SqliteGrainStateStore>());
        return builder;
    }
}
