using AdOrleans.Grains.Privacy;
using Npgsql;

namespace AdOrleans.Persistence.Postgres.Privacy;

/// <summary>Masks an erased user's id inside the receivers' stored eventIds (<see cref="IEventIdRedactor"/>), in one statement.</summary>
public sealed class PostgresEventIdRedactor(PostgresGrainStateStore store) : IEventIdRedactor
{
    public async Task<long> RedactAsync(string userId, CancellationToken cancellationToken)
    {
        await using var update = store.DataSource.CreateCommand("UPDATE stream_event_id_batches SET ids = replace(ids, @id, @mask) WHERE strpos(ids, @id) > 0");
        update.Parameters.AddWithValue("id", userId);
        update.Parameters.AddWithValue("mask", new string('*', userId.Length));
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
