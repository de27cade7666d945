using System.Diagnostics;
using AdOrleans.Grains.Privacy;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Privacy;

/// <summary>
/// After an erasure: the embedded store's writer deletes with <c>secure_delete=FAST</c>, which zeroes deleted cells
/// in their pages but may leave copies on free pages, in b-tree divider cells and in the WAL's older frames. VACUUM
/// (unless turned off) rebuilds the file from live rows only; a TRUNCATE checkpoint then copies the WAL into the file
/// and empties it. Both wait for the writer's transaction (busy timeout) and hold writes back while they run. It also
/// masks an erased user's id inside the receivers' stored eventIds (<see cref="IEventIdRedactor"/>).
/// </summary>
public sealed class SqliteStoreScrubber(SqliteGrainStateStore store) : IStoreScrubber, IEventIdRedactor
{
    private static readonly TimeSpan CheckpointPatience = TimeSpan.FromSeconds(60);

    public async Task<long> RedactAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE stream_event_id_batches SET ids = replace(ids, $id, $mask) WHERE instr(ids, $id) > 0";
        update.Parameters.AddWithValue("$id", userId);
        update.Parameters.AddWithValue("$mask", new string('*', userId.Length));
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string> ScrubAsync(bool vacuum, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await OpenAsync(cancellationToken);
        if (vacuum)
        {
            await ExecuteAsync(connection, "VACUUM", cancellationToken);
        }

        // TRUNCATE reports busy (first column 1) when a reader still uses an older snapshot: try again until it empties the WAL.
        while (true)
        {
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(started) > CheckpointPatience)
            {
                throw new TimeoutException($"The SQLite WAL could not be truncated within {CheckpointPatience}: readers kept old snapshots.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return $"SQLite {(vacuum ? "vacuumed, " : "")}WAL checkpointed and truncated in {(long)Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms";
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout=30000; PRAGMA secure_delete=ON;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
