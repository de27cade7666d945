using AdOrleans.Persistence;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Streams;

/// <summary>The stream receivers' eventIds (first offset wins) and their expiry, inside the group commit.</summary>
public sealed class SqliteEventIdWriter : ISqliteRowWriter
{
    public Type RowType => typeof(RecentEventId);

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
    ];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO stream_event_ids (partition, event_id, offset, at) VALUES ($p, $e, $o, $a) ON CONFLICT DO NOTHING";
        var (p, e, o, a) = (insert.Parameters.Add("$p", SqliteType.Integer), insert.Parameters.Add("$e", SqliteType.Text),
            insert.Parameters.Add("$o", SqliteType.Integer), insert.Parameters.Add("$a", SqliteType.Integer));
        foreach (RecentEventId row in rows)
        {
            (p.Value, e.Value, o.Value, a.Value) = (row.Partition, row.EventId, row.Offset, row.At.ToUnixTimeMilliseconds());
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
        delete.CommandText = "DELETE FROM stream_event_ids WHERE partition = $p AND at < $a";
        var (p, a) = (delete.Parameters.Add("$p", SqliteType.Integer), delete.Parameters.Add("$a", SqliteType.Integer));
        foreach (EventIdExpiry row in rows)
        {
            (p.Value, a.Value) = (row.Partition, row.Before.ToUnixTimeMilliseconds());
            delete.ExecuteNonQuery();
        }
    }
}
