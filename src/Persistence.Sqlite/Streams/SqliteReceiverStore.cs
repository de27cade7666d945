using AdOrleans.Grains.Streams;
using AdOrleans.Persistence;

namespace AdOrleans.Persistence.Sqlite.Streams;

/// <summary>The stream receivers' reads of the embedded store: recent eventIds of a partition, dead letters.</summary>
public sealed class SqliteReceiverStore(SqliteGrainStateStore store) : IReceiverStore
{
    public async ValueTask<IReadOnlyList<RecentEventId>> ReadEventIdsAsync(int partition, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, ids FROM stream_event_id_batches WHERE partition = $p AND at >= $a ORDER BY at, first_offset";
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$a", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<RecentEventId>();
        while (await reader.ReadAsync(cancellationToken))
        {
            EventIdBatchCodec.Decode(partition, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), ids);
        }

        return ids;
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT consumer, topic, partition, offset, reason, at FROM stream_dead_letters ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return letters;
    }

    public async ValueTask<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stream_dead_letters";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
