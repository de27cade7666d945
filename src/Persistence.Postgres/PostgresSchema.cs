using Npgsql;

namespace AdOrleans.Persistence.Postgres;

/// <summary>
/// Versioned migrations of the PostgreSQL store, applied in order on start, each in its own transaction, under
/// an advisory lock so that silos starting together do not race.
/// </summary>
internal static class PostgresSchema
{
    private const long MigrationLock = 0x4164_4f72_6c65_616e; // "AdOrlean"

    private static readonly (string Name, string Sql)[] Core =
    [
        ("0001-grain-state-and-offsets", """
        CREATE TABLE grain_state (
            grain_type text NOT NULL,
            grain_key  text NOT NULL,
            etag       bigint NOT NULL,
            data       bytea NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        );
        CREATE TABLE partition_offsets (
            consumer_group text NOT NULL,
            topic          text NOT NULL,
            partition      integer NOT NULL,
            next_offset    bigint NOT NULL,
            PRIMARY KEY (consumer_group, topic, partition)
        );
        """),
        ("0002-orleans-grain-keys", """
        UPDATE grain_state SET grain_key = substr(grain_key, 6) WHERE grain_type = 'ad-slot' AND grain_key LIKE 'slot:%';
        UPDATE grain_state SET grain_key = substr(grain_key, 9) WHERE grain_type = 'user-segment' AND grain_key LIKE 'segment:%';
        """),
        ("0003-service-owner", """
        CREATE TABLE service_owner (
            id         boolean PRIMARY KEY DEFAULT true CHECK (id),
            service_id text NOT NULL,
            claimed_at timestamptz NOT NULL DEFAULT now()
        );
        """),
    ];

    /// <summary>Applies the core migrations, then each row writer's, skipping those already recorded by name.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<IPostgresRowWriter> writers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "SELECT pg_advisory_lock(@lock)", cancellationToken, ("lock", MigrationLock));
        try
        {
            await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            foreach (var (name, sql) in Core.Concat(writers.SelectMany(w => w.Migrations)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var check = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE name = @n", connection, transaction);
                check.Parameters.AddWithValue("n", name);
                if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
                {
                    continue;
                }

                await Execute(connection, transaction, sql, cancellationToken);
                await Execute(connection, transaction, "INSERT INTO schema_migrations (name) VALUES (@n)", cancellationToken, ("n", name));
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await Execute(connection, null, "SELECT pg_advisory_unlock(@lock)", CancellationToken.None, ("lock", MigrationLock));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
