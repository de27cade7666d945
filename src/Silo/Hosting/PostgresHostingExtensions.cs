using System.Text.RegularExpressions;
using AdOrleans.Log;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.Streams;
using AdOrleans.Persistence.Postgres.SubStates;
using AdOrleans.Grains;
using AdOrleans.Grains.Privacy;
using AdOrleans.Persistence.Postgres.Privacy;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class PostgresHostingExtensions
{
    /// <summary>Pool size of a process when the connection string names none; see <see cref="WithPoolDefault"/>.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Grain state and offsets in PostgreSQL (<c>ConnectionStrings:Postgres</c>); the schema is migrated on start.</summary>
    public static IHostApplicationBuilder AddPostgresStateStore(this IHostApplicationBuilder builder)
    {
        var connectionString = WithPoolDefault(builder.Configuration.GetConnectionString("Postgres")!);
        builder.Services.AddSingleton(sp => new PostgresGrainStateStore(NpgsqlDataSource.Create(connectionString), sp.GetServices<IPostgresRowWriter>()));
        builder.Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<PostgresGrainStateStore>());
        builder.Services.AddSingleton<IReceiverStore, PostgresReceiverStore>();
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresEventIdWriter>();
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresEventIdExpiryWriter>();
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresDeadLetterWriter>();
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresSubStateWriter>();
        builder.Services.AddSingleton<PostgresKeyedStateReader>();
        builder.Services.AddSingleton<ISubStateReader>(sp => sp.GetRequiredService<PostgresKeyedStateReader>());
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresGrainStateRemovalWriter>();
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresSubStateRemovalWriter>();
        builder.Services.AddSingleton<IGrainStateScanner>(sp => sp.GetRequiredService<PostgresKeyedStateReader>());
        builder.Services.AddSingleton<GroupCommitter>();
        builder.Services.AddSingleton<IEventIdRedactor, PostgresEventIdRedactor>();
        builder.Services.AddHostedService<PostgresSchemaMigrator>();
        return builder;
    }

    /// <summary>
    /// Npgsql's default pool of 100 equals PostgreSQL's default max_connections: a silo starting on a backlog
    /// activates thousands of grains at once, each reading its state, and one process took every connection
    /// the server had (the next silo then failed with 53300 "too many clients"). A pool size in the
    /// connection string wins.
    /// </summary>
    public static string WithPoolDefault(string connectionString) =>
        Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size", RegexOptions.IgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ToString();
}
