using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.SubStates;

/// <summary>Keyed state rows of grains that hold many keys (<see cref="SubStateRow"/>), written inside the group commit.</summary>
public sealed class SqliteSubStateWriter : ISqliteRowWriter
{
    public Type RowType => typeof(SubStateRow);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("0003-grain-substate", """
        CREATE TABLE grain_substate (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            sub_key    TEXT NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (grain_type, grain_key, sub_key)
        ) WITHOUT ROWID;
        """),
    ];

    /// <summary>In emission order, so the last row of a key wins. Bound through SQLite's own API (<see cref="SqliteStatement"/>): Microsoft.Data.Sqlite's per-execution statement lookup and generic binding were most of this writer's time.</summary>
    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var upsert = new SqliteStatement(connection, """
            INSERT INTO grain_substate (grain_type, grain_key, sub_key, data) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (grain_type, grain_key, sub_key) DO UPDATE SET data = excluded.data
            """);
        foreach (SubStateRow row in rows)
        {
            upsert.Bind(1, row.GrainType).Bind(2, row.GrainKey).Bind(3, row.SubKey).Bind(4, row.Data).Execute();
        }
    }
}

/// <summary>Deletes keyed state rows (an erased user's journey), inside the group commit.</summary>
public sealed class SqliteSubStateRemovalWriter : ISqliteRowWriter
{
    public Type RowType => typeof(SubStateRemoval);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM grain_substate WHERE grain_type = $t AND grain_key = $k AND sub_key = $s";
        var (t, k, s) = (delete.Parameters.Add("$t", SqliteType.Text), delete.Parameters.Add("$k", SqliteType.Text), delete.Parameters.Add("$s", SqliteType.Text));
        foreach (SubStateRemoval row in rows)
        {
            (t.Value, k.Value, s.Value) = (row.GrainType, row.GrainKey, row.SubKey);
            delete.ExecuteNonQuery();
        }
    }
}

/// <summary>Deletes grain state rows taken over by another grain, inside the group commit.</summary>
public sealed class SqliteGrainStateRemovalWriter : ISqliteRowWriter
{
    public Type RowType => typeof(GrainStateRemoval);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k";
        var (t, k) = (delete.Parameters.Add("$t", SqliteType.Text), delete.Parameters.Add("$k", SqliteType.Text));
        foreach (GrainStateRemoval row in rows)
        {
            (t.Value, k.Value) = (row.GrainType, row.GrainKey);
            delete.ExecuteNonQuery();
        }
    }
}

/// <summary>Reads keyed state back: a grain's own sub-state rows, and every state row of a grain type.</summary>
public sealed class SqliteKeyedStateReader(SqliteGrainStateStore store) : ISubStateReader, IGrainStateScanner
{
    public ValueTask<IReadOnlyList<(string SubKey, byte[] Data)>> ReadAllAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        ReadPairsAsync("SELECT sub_key, data FROM grain_substate WHERE grain_type = $t AND grain_key = $k", grainType, grainKey, cancellationToken);

    public ValueTask<IReadOnlyList<(string GrainKey, byte[] Data)>> ReadAllAsync(string grainType, CancellationToken cancellationToken) =>
        ReadPairsAsync("SELECT grain_key, data FROM grain_state WHERE grain_type = $t", grainType, null, cancellationToken);

    private async ValueTask<IReadOnlyList<(string, byte[])>> ReadPairsAsync(string sql, string grainType, string? grainKey, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", grainType);
        if (grainKey is not null)
        {
            command.Parameters.AddWithValue("$k", grainKey);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, byte[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return rows;
    }
}
