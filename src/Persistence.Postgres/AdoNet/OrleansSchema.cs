using AdOrleans.Persistence.Postgres.Clustering;
using AdOrleans.Persistence.Postgres.GrainStorage;

namespace AdOrleans.Persistence.Postgres.AdoNet;

/// <summary>
/// Creates and upgrades the tables of Orleans' ADO.NET providers (clustering, grain storage), then writes the query
/// rows they run. Safe to call from every silo and client at every start: it is one transaction, serialised across
/// processes by an advisory lock, that applies only the migrations not yet recorded in <c>orleans_schema_migrations</c>.
/// </summary>
public static class OrleansSchema
{
    /// <summary>
    /// Fixed, so that every process agrees on it ("OrlClust", from when only clustering used it: processes of the
    /// previous version must still queue behind this one); distinct from the group-commit store's lock.
    /// </summary>
    public const long AdvisoryLockKey = 0x4f72_6c43_6c75_7374;

    /// <summary>
    /// The transaction-local setting through which a migration reads the service id of the process applying it
    /// (Orleans keeps grain state apart per service id).
    /// </summary>
    public const string ServiceIdSetting = "adorleans.service_id";

    /// <summary>Append-only: an applied migration is never edited, a change is a new entry.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("0001-orleans-clustering", OrleansClusteringTables.Sql),
        ("0002-orleans-grain-storage", OrleansGrainStorageTables.Sql),
        ("0003-config-grains-move-to-orleans-grain-storage", OrleansGrainStorageTables.MoveConfigGrains),
    ];

    /// <summary>Every query row of every provider; keys are distinct across providers.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } =
        OrleansClusteringQueries.All.Concat(OrleansGrainStorageQueries.All).ToDictionary();

    /// <summary>Applies what is missing and returns the names of the migrations this call applied.</summary>
    /// <param name="serviceId">This process's <c>ClusterOptions.ServiceId</c>: grain state moved into Orleans' table is stored under it.</param>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, string serviceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Transaction-scoped: released by commit or rollback, also when the process dies mid-migration.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        await ExecuteAsync(connection, transaction, "SELECT set_config(@name, @value, true)", cancellationToken, ("name", ServiceIdSetting), ("value", serviceId));
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS orleans_schema_migrations (
                name       text        PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = await AppliedAsync(connection, transaction, cancellationToken);
        var appliedNow = new List<string>();
        foreach (var (name, sql) in Migrations.Where(m => !applied.Contains(m.Name)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO orleans_schema_migrations (name) VALUES (@name)", cancellationToken, ("name", name));
            appliedNow.Add(name);
        }

        // Every start, not only with a migration: the texts belong to this code, and rewriting them also repairs
        // a row someone edited. Processes already running keep the texts they loaded at start.
        foreach (var (key, text) in Queries)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
                ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
                WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText
                """, cancellationToken, ("key", key), ("text", text));
        }

        await transaction.CommitAsync(cancellationToken);
        return appliedNow;
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT name FROM orleans_schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
