namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>
/// Creates and upgrades the tables of Orleans' ADO.NET clustering provider, then writes the query rows it runs.
/// Safe to call from every silo and client at every start: it is one transaction, serialised across processes by
/// an advisory lock, that applies only the migrations not yet recorded in <c>orleans_schema_migrations</c>.
/// </summary>
public static class OrleansClusteringSchema
{
    /// <summary>
    /// Fixed, so that every process agrees on it ("OrlClust"); distinct from the grain-state store's lock, so the
    /// two migrations never wait on each other.
    /// </summary>
    public const long AdvisoryLockKey = 0x4f72_6c43_6c75_7374;

    /// <summary>Append-only: an applied migration is never edited, a change is a new entry.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("0001-orleans-clustering", """
        -- Unquoted on purpose: the provider reads its queries with the fixed statement
        -- "SELECT QueryKey, QueryText FROM OrleansQuery", which PostgreSQL folds to lower case.
        CREATE TABLE OrleansQuery (
            QueryKey  text PRIMARY KEY,
            QueryText text NOT NULL
        );

        -- One row per cluster (the provider's DeploymentId is ClusterOptions.ClusterId). Its version is the etag
        -- of the whole membership table; integer because the provider sends it as a 32-bit int.
        CREATE TABLE orleans_membership_version (
            deployment_id text        PRIMARY KEY,
            version       integer     NOT NULL DEFAULT 0,
            updated_at    timestamptz NOT NULL DEFAULT now()
        );

        -- One row per silo incarnation: a restarted silo keeps address and port but gets a new generation.
        -- SiloName and HostName are NOT NULL because the provider casts them to string when it reads them.
        CREATE TABLE orleans_membership (
            deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address         text        NOT NULL,
            port            integer     NOT NULL,
            generation      integer     NOT NULL,
            silo_name       text        NOT NULL,
            host_name       text        NOT NULL,
            status          integer     NOT NULL,
            proxy_port      integer     NOT NULL,
            suspect_times   text        NULL,
            start_time      timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );
        """),
    ];

    /// <summary>Applies what is missing and returns the names of the migrations this call applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Transaction-scoped: released by commit or rollback, also when the process dies mid-migration.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
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
        foreach (var (key, text) in OrleansClusteringQueries.All)
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
