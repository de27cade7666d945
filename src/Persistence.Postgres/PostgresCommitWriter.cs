using System.Globalization;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres;

/// <summary>The statements of one commit, each a single set-based command over array parameters.</summary>
internal static class PostgresCommitWriter
{
    /// <summary>
    /// Moves the partition offsets on. With expected offsets this is a compare-and-set: it reports false when
    /// another owner moved any of them (the caller must not commit).
    /// </summary>
    public static async Task<bool> AdvanceOffsetsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PartitionCommit commit, CancellationToken cancellationToken)
    {
        var topics = commit.Offsets.Select(o => o.Partition.Topic).ToArray();
        var partitions = commit.Offsets.Select(o => o.Partition.Partition).ToArray();
        var next = commit.Offsets.Select(o => o.NextOffset).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (commit.ExpectedOffsets is not { } expected)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO partition_offsets (consumer_group, topic, partition, next_offset)
                SELECT @g, t, p, n FROM unnest(@t, @p, @n) AS u(t, p, n)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset
                """, commit.Group, topics, partitions, next));
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }

        batch.BatchCommands.Add(Command("""
            INSERT INTO partition_offsets (consumer_group, topic, partition, next_offset)
            SELECT @g, t, p, 0 FROM unnest(@t, @p) AS u(t, p)
            ON CONFLICT (consumer_group, topic, partition) DO NOTHING
            """, commit.Group, topics, partitions));
        var update = Command("""
            UPDATE partition_offsets o SET next_offset = u.n
            FROM unnest(@t, @p, @n, @e) AS u(t, p, n, e)
            WHERE o.consumer_group = @g AND o.topic = u.t AND o.partition = u.p AND o.next_offset = u.e
            """, commit.Group, topics, partitions, next);
        update.Parameters.Add(new NpgsqlParameter<long[]>("e", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. expected] });
        batch.BatchCommands.Add(update);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return update.RecordsAffected == commit.Offsets.Count;
    }

    /// <summary>The offsets stored now for the commit's partitions, in its order (-1 when absent).</summary>
    public static async Task<long[]> StoredOffsetsAsync(NpgsqlDataSource dataSource, PartitionCommit commit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(o.next_offset, -1) FROM unnest(@t, @p) WITH ORDINALITY AS u(t, p, i)
            LEFT JOIN partition_offsets o ON o.consumer_group = @g AND o.topic = u.t AND o.partition = u.p
            ORDER BY u.i
            """);
        command.Parameters.AddWithValue("g", commit.Group);
        command.Parameters.AddWithValue("t", commit.Offsets.Select(o => o.Partition.Topic).ToArray());
        command.Parameters.AddWithValue("p", commit.Offsets.Select(o => o.Partition.Partition).ToArray());
        var stored = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetInt64(0));
        }

        return [.. stored];
    }

    /// <summary>
    /// Adds the ETag-checked upsert of every state: a row is inserted when none exists and its expected ETag is
    /// null, or updated when its stored ETag is the expected one. The command's row count tells whether all passed.
    /// </summary>
    public static NpgsqlBatchCommand? AddStates(NpgsqlBatch batch, IReadOnlyList<StateWrite> states, out string[] etags)
    {
        etags = [.. states.Select(s => ETags.Next(s.ExpectedETag))];
        if (states.Count == 0)
        {
            return null;
        }

        // Key order: two writers of overlapping grains (a fenced former owner) then cannot deadlock each other.
        var order = Enumerable.Range(0, states.Count)
            .OrderBy(i => states[i].StateId.Type, StringComparer.Ordinal).ThenBy(i => states[i].StateId.Key, StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO grain_state (grain_type, grain_key, etag, data, updated_at)
            SELECT t, k, e, d, now() FROM unnest(@t, @k, @e, @d) AS u(t, k, e, d)
            ON CONFLICT (grain_type, grain_key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
            WHERE grain_state.etag = excluded.etag - 1
            """);
        var newEtags = etags;
        command.Parameters.AddWithValue("t", order.Select(i => states[i].StateId.Type).ToArray());
        command.Parameters.AddWithValue("k", order.Select(i => states[i].StateId.Key).ToArray());
        command.Parameters.AddWithValue("e", order.Select(i => long.Parse(newEtags[i], CultureInfo.InvariantCulture)).ToArray());
        command.Parameters.AddWithValue("d", order.Select(i => states[i].Data).ToArray());
        batch.BatchCommands.Add(command);
        return command;
    }

    /// <summary>For the error message: the first write whose stored ETag is not the expected one.</summary>
    public static async Task<StaleETagException> ConflictAsync(NpgsqlDataSource dataSource, IReadOnlyList<StateWrite> states, CancellationToken cancellationToken)
    {
        foreach (var write in states)
        {
            await using var command = dataSource.CreateCommand("SELECT etag FROM grain_state WHERE grain_type = @t AND grain_key = @k");
            command.Parameters.AddWithValue("t", write.StateId.Type);
            command.Parameters.AddWithValue("k", write.StateId.Key);
            var stored = await command.ExecuteScalarAsync(cancellationToken) is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != write.ExpectedETag)
            {
                return new StaleETagException(write.StateId, write.ExpectedETag, stored);
            }
        }

        return new StaleETagException(states[0].StateId, states[0].ExpectedETag, null, "A state write was rejected by its ETag check.");
    }

    private static NpgsqlBatchCommand Command(string sql, string group, string[] topics, int[] partitions, long[]? next = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("g", group);
        command.Parameters.AddWithValue("t", topics);
        command.Parameters.AddWithValue("p", partitions);
        if (next is not null)
        {
            command.Parameters.AddWithValue("n", next);
        }

        return command;
    }
}
