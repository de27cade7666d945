using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.SubStates;

/// <summary>Keyed state rows of grains that hold many keys (<see cref="SubStateRow"/>), one set-based upsert in the commit's batch.</summary>
public sealed class PostgresSubStateWriter : IPostgresRowWriter
{
    public Type RowType => typeof(SubStateRow);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("0003-grain-substate", """
        CREATE TABLE grain_substate (
            grain_type text COLLATE "C" NOT NULL,
            grain_key  text COLLATE "C" NOT NULL,
            sub_key    text COLLATE "C" NOT NULL,
            data       bytea NOT NULL,
            PRIMARY KEY (grain_type, grain_key, sub_key)
        );
        """),
    ];

    /// <summary>One upsert may not touch a row twice: the last row of each key wins (rows are in emission order).</summary>
    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        var latest = new Dictionary<(string, string, string), SubStateRow>();
        foreach (SubStateRow row in rows)
        {
            latest[(row.GrainType, row.GrainKey, row.SubKey)] = row;
        }

        var ordered = latest.Values.OrderBy(r => r.GrainType, StringComparer.Ordinal).ThenBy(r => r.GrainKey, StringComparer.Ordinal).ThenBy(r => r.SubKey, StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO grain_substate (grain_type, grain_key, sub_key, data) SELECT * FROM unnest(@t, @k, @s, @d)
            ON CONFLICT (grain_type, grain_key, sub_key) DO UPDATE SET data = excluded.data
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ordered.Select(r => r.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ordered.Select(r => r.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ordered.Select(r => r.SubKey)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("d", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. ordered.Select(r => r.Data)] });
        batch.BatchCommands.Add(command);
    }
}

/// <summary>Deletes keyed state rows (an erased user's journey), one set-based command in the commit's batch.</summary>
public sealed class PostgresSubStateRemovalWriter : IPostgresRowWriter
{
    public Type RowType => typeof(SubStateRemoval);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        var removals = rows.Cast<SubStateRemoval>().ToArray();
        var command = new NpgsqlBatchCommand("DELETE FROM grain_substate g USING unnest(@t, @k, @s) AS u(t, k, s) WHERE g.grain_type = u.t AND g.grain_key = u.k AND g.sub_key = u.s");
        command.Parameters.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. removals.Select(r => r.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. removals.Select(r => r.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. removals.Select(r => r.SubKey)] });
        batch.BatchCommands.Add(command);
    }
}

/// <summary>Deletes grain state rows taken over by another grain, one set-based command in the commit's batch.</summary>
public sealed class PostgresGrainStateRemovalWriter : IPostgresRowWriter
{
    public Type RowType => typeof(GrainStateRemoval);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        var removals = rows.Cast<GrainStateRemoval>().ToArray();
        var command = new NpgsqlBatchCommand("DELETE FROM grain_state g USING unnest(@t, @k) AS u(t, k) WHERE g.grain_type = u.t AND g.grain_key = u.k");
        command.Parameters.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. removals.Select(r => r.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. removals.Select(r => r.GrainKey)] });
        batch.BatchCommands.Add(command);
    }
}

/// <summary>Reads keyed state back: a grain's own sub-state rows, and every state row of a grain type.</summary>
public sealed class PostgresKeyedStateReader(PostgresGrainStateStore store) : ISubStateReader, IGrainStateScanner
{
    public ValueTask<IReadOnlyList<(string SubKey, byte[] Data)>> ReadAllAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        ReadPairsAsync("SELECT sub_key, data FROM grain_substate WHERE grain_type = @t AND grain_key = @k", grainType, grainKey, cancellationToken);

    public ValueTask<IReadOnlyList<(string GrainKey, byte[] Data)>> ReadAllAsync(string grainType, CancellationToken cancellationToken) =>
        ReadPairsAsync("SELECT grain_key, data FROM grain_state WHERE grain_type = @t", grainType, null, cancellationToken);

    private ValueTask<IReadOnlyList<(string, byte[])>> ReadPairsAsync(string sql, string grainType, string? grainKey, CancellationToken cancellationToken) =>
        store.ReadRetryingAsync<IReadOnlyList<(string, byte[])>>(async () =>
        {
            await using var command = store.DataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("t", grainType);
            if (grainKey is not null)
            {
                command.Parameters.AddWithValue("k", grainKey);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<(string, byte[])>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
            }

            return rows;
        });
}
