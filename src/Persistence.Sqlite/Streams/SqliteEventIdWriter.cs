using AdOrleans.Persistence;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Streams;

/// <summary>The stream receivers' eventIds (first offset wins), one row per poll, and their expiry, inside the group commit.</summary>
public sealed class SqliteEventIdWriter : ISqliteRowWriter
{
    public Type RowType => typeof(RecentEventIds);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("streams-0001-event-ids", """
        CREATE TABLE stream_event_ids (
            partition INTEGER NOT NULL,
            event_id  TEXT NOT NULL,
            offset    INTEGER NOT NULL,
            at        INTEGER NOT NULL,
            PRIMARY KEY (partition, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX stream_event_ids_at ON stream_event_ids (partition, at);
        """),
        ("streams-0003-event-id-batches", """
        CREATE TABLE stream_event_id_batches (
            partition    INTEGER NOT NULL,
            first_offset INTEGER NOT NULL,
            at           INTEGER NOT NULL,
            ids          TEXT NOT NULL,
            PRIMARY KEY (partition, first_offset)
        ) WITHOUT ROWID;
        CREATE INDEX stream_event_id_batches_at ON stream_event_id_batches (partition, at);
        INSERT INTO stream_event_id_batches (partition, first_offset, at, ids)
        SELECT partition, offset, at, json_array(json_array(event_id, offset)) FROM stream_event_ids WHERE true
        ON CONFLICT DO NOTHING;
        DROP TABLE stream_event_ids;
        """),
    ];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        // A re-read after a restart can start a batch where a stored one starts, with more ids: keep the longer one.
        insert.CommandText = "INSERT INTO stream_event_id_batches (partition, first_offset, at, ids) VALUES ($p, $o, $a, $i) "
            + "ON CONFLICT (partition, first_offset) DO UPDATE SET ids = excluded.ids, at = excluded.at WHERE length(excluded.ids) > length(stream_event_id_batches.ids)";
        var (p, o, a, i) = (insert.Parameters.Add("$p", SqliteType.Integer), insert.Parameters.Add("$o", SqliteType.Integer),
            insert.Parameters.Add("$a", SqliteType.Integer), insert.Parameters.Add("$i", SqliteType.Text));
        foreach (RecentEventIds row in rows)
        {
            (p.Value, o.Value, a.Value, i.Value) = (row.Partition, row.FirstOffset, row.At.ToUnixTimeMilliseconds(), EventIdBatchCodec.Encode(row.Ids));
            insert.ExecuteNonQuery();
        }
    }
}

public sealed class SqliteEventIdExpiryWriter : ISqliteRowWriter
{
    public Type RowType => typeof(EventIdExpiry);

    public IReadOnlyList<(string Name, string Sql)> Migrations => [];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM stream_event_id_batches WHERE partition = $p AND at < $a";
        var (p, a) = (delete.Parameters.Add("$p", SqliteType.Integer), delete.Parameters.Add("$a", SqliteType.Integer));
        foreach (EventIdExpiry row in rows)
        {
            (p.Value, a.Value) = (row.Partition, row.Before.ToUnixTimeMilliseconds());
            delete.ExecuteNonQuery();
        }
    }
}
