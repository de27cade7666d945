using AdOrleans.Grains.Streams;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Streams;

/// <summary>Dead letters, written with the state of the grain (or the checkpoint of the receiver) that gave them up.</summary>
public sealed class SqliteDeadLetterWriter : ISqliteRowWriter
{
    public Type RowType => typeof(DeadLetter);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("streams-0002-dead-letters", """
        CREATE TABLE stream_dead_letters (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            consumer  TEXT NOT NULL,
            topic     TEXT NOT NULL,
            partition INTEGER NOT NULL,
            offset    INTEGER NOT NULL,
            reason    TEXT NOT NULL,
            at        INTEGER NOT NULL
        );
        """),
    ];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO stream_dead_letters (consumer, topic, partition, offset, reason, at) VALUES ($c, $t, $p, $o, $r, $a)";
        var (c, t, p, o, r, a) = (insert.Parameters.Add("$c", SqliteType.Text), insert.Parameters.Add("$t", SqliteType.Text), insert.Parameters.Add("$p", SqliteType.Integer),
            insert.Parameters.Add("$o", SqliteType.Integer), insert.Parameters.Add("$r", SqliteType.Text), insert.Parameters.Add("$a", SqliteType.Integer));
        foreach (DeadLetter row in rows)
        {
            (c.Value, t.Value, p.Value, o.Value, r.Value, a.Value) = (row.Consumer, row.Topic, row.Partition, row.Offset, row.Reason, row.At.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
    }
}
