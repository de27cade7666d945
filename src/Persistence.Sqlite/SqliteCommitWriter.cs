using System.Globalization;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite;

/// <summary>The statements of one commit, prepared once per transaction and reused for every row.</summary>
internal static class SqliteCommitWriter
{
    public static IReadOnlyList<string> WriteStates(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StateWrite> states)
    {
        if (states.Count == 0)
        {
            return [];
        }

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE grain_state SET etag = etag + 1, data = $d, updated_at = $u WHERE grain_type = $t AND grain_key = $k AND etag = $e";
        var (ut, uk, ue, ud, uu) = (update.Parameters.Add("$t", SqliteType.Text), update.Parameters.Add("$k", SqliteType.Text),
            update.Parameters.Add("$e", SqliteType.Integer), update.Parameters.Add("$d", SqliteType.Blob), update.Parameters.Add("$u", SqliteType.Integer));

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO grain_state (grain_type, grain_key, etag, data, updated_at) VALUES ($t, $k, 1, $d, $u) ON CONFLICT DO NOTHING";
        var (it, ik, id, iu) = (insert.Parameters.Add("$t", SqliteType.Text), insert.Parameters.Add("$k", SqliteType.Text),
            insert.Parameters.Add("$d", SqliteType.Blob), insert.Parameters.Add("$u", SqliteType.Integer));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var etags = new string[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            var write = states[i];
            int changed;
            if (write.ExpectedETag is null)
            {
                (it.Value, ik.Value, id.Value, iu.Value) = (write.StateId.Type, write.StateId.Key, write.Data, now);
                changed = insert.ExecuteNonQuery();
                etags[i] = "1";
            }
            else
            {
                var expected = long.Parse(write.ExpectedETag, CultureInfo.InvariantCulture);
                (ut.Value, uk.Value, ue.Value, ud.Value, uu.Value) = (write.StateId.Type, write.StateId.Key, expected, write.Data, now);
                changed = update.ExecuteNonQuery();
                etags[i] = (expected + 1).ToString(CultureInfo.InvariantCulture);
            }

            if (changed != 1)
            {
                throw new StaleETagException(write.StateId, write.ExpectedETag, StoredETag(connection, transaction, write.StateId));
            }
        }

        return etags;
    }

    public static void WriteOffsets(SqliteConnection connection, SqliteTransaction transaction, PartitionCommit commit)
    {
        if (commit.Offsets.Count == 0)
        {
            return;
        }

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO partition_offsets (consumer_group, topic, partition, next_offset) VALUES ($g, $t, $p, $o)
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset
            """;
        var (g, t, p, o) = (upsert.Parameters.Add("$g", SqliteType.Text), upsert.Parameters.Add("$t", SqliteType.Text),
            upsert.Parameters.Add("$p", SqliteType.Integer), upsert.Parameters.Add("$o", SqliteType.Integer));
        foreach (var (partition, next) in commit.Offsets)
        {
            (g.Value, t.Value, p.Value, o.Value) = (commit.Group, partition.Topic, partition.Partition, next);
            upsert.ExecuteNonQuery();
        }
    }

    private static string? StoredETag(SqliteConnection connection, SqliteTransaction transaction, StateId stateId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k";
        select.Parameters.AddWithValue("$t", stateId.Type);
        select.Parameters.AddWithValue("$k", stateId.Key);
        return select.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
    }
}
