using AdOrleans.Grains.Streams;
using AdOrleans.Persistence;

namespace AdOrleans.Persistence.Postgres.Streams;

/// <summary>The stream receivers' reads of PostgreSQL: recent eventIds of a partition, dead letters.</summary>
public sealed class PostgresReceiverStore(PostgresGrainStateStore store) : IReceiverStore
{
    public ValueTask<IReadOnlyList<RecentEventId>> ReadEventIdsAsync(int partition, DateTimeOffset since, CancellationToken cancellationToken) =>
        store.ReadRetryingAsync<IReadOnlyList<RecentEventId>>(async () =>
        {
            await using var command = store.DataSource.CreateCommand("SELECT at, ids FROM stream_event_id_batches WHERE partition = @p AND at >= @a ORDER BY at, first_offset");
            command.Parameters.AddWithValue("p", partition);
            command.Parameters.AddWithValue("a", since.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ids = new List<RecentEventId>();
            while (await reader.ReadAsync(cancellationToken))
            {
                EventIdBatchCodec.Decode(partition, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), ids);
            }

            return ids;
        });

    public ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int limit, CancellationToken cancellationToken) =>
        store.ReadRetryingAsync<IReadOnlyList<DeadLetter>>(async () =>
        {
            await using var command = store.DataSource.CreateCommand("SELECT consumer, topic, partition, \"offset\", reason, at FROM stream_dead_letters ORDER BY id DESC LIMIT @l");
            command.Parameters.AddWithValue("l", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var letters = new List<DeadLetter>();
            while (await reader.ReadAsync(cancellationToken))
            {
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }

            return letters;
        });

    public ValueTask<long> CountDeadLettersAsync(CancellationToken cancellationToken) =>
        store.ReadRetryingAsync(async () =>
        {
            await using var command = store.DataSource.CreateCommand("SELECT count(*) FROM stream_dead_letters");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        });
}
