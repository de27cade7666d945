using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Streams;
using AdOrleans.Persistence.Sqlite.SubStates;
using AdOrleans.Grains;
using AdOrleans.Grains.Privacy;
using AdOrleans.Persistence.Sqlite.Privacy;

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
        var services = builder.Services;
        services.AddSingleton(sp => new SqliteGrainStateStore(path, sp.GetServices<ISqliteRowWriter>(), sp.GetService<ILogger<SqliteGrainStateStore>>()));
        services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<SqliteGrainStateStore>());
        services.AddSingleton<IReleasesMemoryWhenIdle>(sp => sp.GetRequiredService<SqliteGrainStateStore>());
        services.AddSingleton<IReceiverStore, SqliteReceiverStore>();
        services.AddSingleton<ISqliteRowWriter, SqliteEventIdWriter>();
        services.AddSingleton<ISqliteRowWriter, SqliteEventIdExpiryWriter>();
        services.AddSingleton<ISqliteRowWriter, SqliteDeadLetterWriter>();
        services.AddSingleton<ISqliteRowWriter, SqliteSubStateWriter>();
        services.AddSingleton<SqliteKeyedStateReader>();
        services.AddSingleton<ISubStateReader>(sp => sp.GetRequiredService<SqliteKeyedStateReader>());
        services.AddSingleton<ISqliteRowWriter, SqliteGrainStateRemovalWriter>();
        services.AddSingleton<ISqliteRowWriter, SqliteSubStateRemovalWriter>();
        services.AddSingleton<IGrainStateScanner>(sp => sp.GetRequiredService<SqliteKeyedStateReader>());
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<SqliteStoreScrubber>();
        services.AddSingleton<IStoreScrubber>(sp => sp.GetRequiredService<SqliteStoreScrubber>());
        services.AddSingleton<IEventIdRedactor>(sp => sp.GetRequiredService<SqliteStoreScrubber>());
        return builder;
    }

    /// <summary>Whether grain state (and so every grain-emitted row) lives in PostgreSQL; features pick their row writers and queries by it.</summary>
    public static bool UsesPostgresStore(this IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres"));
}
