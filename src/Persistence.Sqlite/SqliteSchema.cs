using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite;

/// <summary>Versioned migrations of the embedded store, applied in order on open; each runs in its own transaction.</summary>
internal static class SqliteSchema
{
    private static readonly (string Name, string Sql)[] Core =
    [
        ("0001-grain-state-and-offsets", """
        CREATE TABLE grain_state (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            etag       INTEGER NOT NULL,
            data       BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        ) WITHOUT ROWID;
        CREATE TABLE partition_offsets (
            consumer_group TEXT NOT NULL,
            topic          TEXT NOT NULL,
            partition      INTEGER NOT NULL,
            next_offset    INTEGER NOT NULL,
            PRIMARY KEY (consumer_group, topic, partition)
        ) WITHOUT ROWID;
        """),
        ("0002-orleans-grain-keys", """
        UPDATE grain_state SET grain_key = substr(grain_key, 6) WHERE grain_type = 'ad-slot' AND grain_key LIKE 'slot:%';
        UPDATE grain_state SET grain_key = substr(grain_key, 9) WHERE grain_type = 'user-segment' AND grain_key LIKE 'segment:%';
        """),
    ];

    /// <summary>Applies the core migrations, then each row writer's, skipping those already recorded by name.</summary>
    public static void Migrate(SqliteConnection connection, IEnumerable<ISqliteRowWriter> writers)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL);";
            pragma.ExecuteNonQuery();
        }

        foreach (var (name, sql) in Core.Concat(writers.SelectMany(w => w.Migrations)))
        {
            using var transaction = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE name = $n";
            check.Parameters.AddWithValue("$n", name);
            if ((long)check.ExecuteScalar()! > 0)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql + "\nINSERT INTO schema_migrations (name, applied_at) VALUES ($n, unixepoch());";
            command.Parameters.AddWithValue("$n", name);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
