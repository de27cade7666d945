using AdOrleans.Grains.Streams;
using AdOrleans.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.Streams;

/// <summary>The stream receivers' eventIds (first offset wins), one row per poll, in the group commit's batch.</summary>
public sealed class PostgresEventIdWriter : IPostgresRowWriter
{
    public Type RowType => typeof(RecentEventIds);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("streams-0001-event-ids", """
        CREATE TABLE stream_event_ids (
            partition integer NOT NULL,
            event_id  text COLLATE "C" NOT NULL,
            "offset"  bigint NOT NULL,
            at        bigint NOT NULL,
            PRIMARY KEY (partition, event_id)
        );
        CREATE INDEX stream_event_ids_at ON stream_event_ids (partition, at);
        """),
        ("streams-0003-event-id-batches", """
        CREATE TABLE stream_event_id_batches (
            partition    integer NOT NULL,
            first_offset bigint NOT NULL,
            at           bigint NOT NULL,
            ids          text NOT NULL,
            PRIMARY KEY (partition, first_offset)
        );
        CREATE INDEX stream_event_id_batches_at ON stream_event_id_batches (partition, at);
        INSERT INTO stream_event_id_batches (partition, first_offset, at, ids)
        SELECT partition, "offset", at, json_build_array(json_build_array(event_id, "offset"))::text FROM stream_event_ids
        ON CONFLICT DO NOTHING;
        DROP TABLE stream_event_ids;
        """),
    ];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        // A queue that re-reads after a restart can write a batch starting where a stored one starts, now with more
        // ids: the longer batch is kept (dropping it lost ids, and their repeats were counted). One row per key per
        // statement, as ON CONFLICT DO UPDATE may touch a row only once.
        var batches = rows.Cast<RecentEventIds>().GroupBy(b => (b.Partition, b.FirstOffset)).Select(g => g.MaxBy(b => b.Ids.Count)!).ToArray();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO stream_event_id_batches (partition, first_offset, at, ids) SELECT * FROM unnest(@p, @o, @a, @i)
            ON CONFLICT (partition, first_offset) DO UPDATE SET ids = EXCLUDED.ids, at = EXCLUDED.at
            WHERE length(EXCLUDED.ids) > length(stream_event_id_batches.ids)
            """);
        command.Parameters.Add(new NpgsqlParameter<int[]>("p", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. batches.Select(b => b.Partition)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("o", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. batches.Select(b => b.FirstOffset)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("a", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. batches.Select(b => b.At.ToUnixTimeMilliseconds())] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. batches.Select(b => EventIdBatchCodec.Encode(b.Ids))] });
        batch.BatchCommands.Add(command);
    }
}

public sealed class PostgresEventIdExpiryWriter : IPostgresRowWriter
{
    public Type RowType => typeof(EventIdExpiry);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        foreach (EventIdExpiry row in rows)
        {
            var command = new NpgsqlBatchCommand("DELETE FROM stream_event_id_batches WHERE partition = @p AND at < @a");
            command.Parameters.AddWithValue("p", row.Partition);
            command.Parameters.AddWithValue("a", row.Before.ToUnixTimeMilliseconds());
            batch.BatchCommands.Add(command);
        }
    }
}

public sealed class PostgresDeadLetterWriter : IPostgresRowWriter
{
    public Type RowType => typeof(DeadLetter);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("streams-0002-dead-letters", """
        CREATE TABLE stream_dead_letters (
            id        bigserial PRIMARY KEY,
            consumer  text NOT NULL,
            topic     text NOT NULL,
            partition integer NOT NULL,
            "offset"  bigint NOT NULL,
            reason    text NOT NULL,
            at        timestamptz NOT NULL
        );
        """),
    ];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        foreach (DeadLetter row in rows)
        {
            var command = new NpgsqlBatchCommand("INSERT INTO stream_dead_letters (consumer, topic, partition, \"offset\", reason, at) VALUES (@c, @t, @p, @o, @r, @a)");
            command.Parameters.AddWithValue("c", row.Consumer);
            command.Parameters.AddWithValue("t", row.Topic);
            command.Parameters.AddWithValue("p", row.Partition);
            command.Parameters.AddWithValue("o", row.Offset);
            command.Parameters.AddWithValue("r", row.Reason);
            command.Parameters.AddWithValue("a", row.At);
            batch.BatchCommands.Add(command);
        }
    }
}
