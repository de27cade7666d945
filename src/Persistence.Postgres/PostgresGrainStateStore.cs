using AdOrleans.Log;
using AdOrleans.Persistence;
using Npgsql;

namespace AdOrleans.Persistence.Postgres;

/// <summary>
/// The distributed store: grain state and partition offsets in PostgreSQL, shared by every silo. A commit is one
/// transaction of set-based commands: offsets (compare-and-set against the offsets the batch started from, which
/// fences a former owner), ETag-checked states, and grain-emitted rows. It is safe to retry: a commit whose
/// acknowledgement was lost finds the offsets already at its targets and reports success without writing again.
/// </summary>
public sealed class PostgresGrainStateStore(NpgsqlDataSource dataSource, IEnumerable<IPostgresRowWriter> rowWriters) : IGrainStateStore, IAsyncDisposable
{
    private readonly IReadOnlyList<IPostgresRowWriter> _writerList = [.. rowWriters];
    private readonly Dictionary<Type, IPostgresRowWriter> _rowWriters = rowWriters.ToDictionary(w => w.RowType);

    /// <summary>For queries over rows (KPIs, reports): pooled connections to the same database.</summary>
    public NpgsqlDataSource DataSource => dataSource;

    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(dataSource, _writerList, cancellationToken);

    /// <summary>
    /// Records on first start which Orleans service owns this database and refuses any other: its tables are not
    /// keyed by service, so two services sharing them would overwrite each other's grain state and offsets.
    /// </summary>
    public async Task ClaimAsync(string serviceId, CancellationToken cancellationToken)
    {
        // The CTE's SELECT sees the table as it was before the INSERT, so exactly one of the two branches has a row.
        await using var command = dataSource.CreateCommand("""
            WITH claimed AS (INSERT INTO service_owner (service_id) VALUES (@s) ON CONFLICT (id) DO NOTHING RETURNING service_id)
            SELECT service_id FROM claimed UNION ALL SELECT service_id FROM service_owner
            """);
        command.Parameters.AddWithValue("s", serviceId);
        var owner = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (owner != serviceId)
        {
            throw new DatabaseOwnedByAnotherServiceException(owner, serviceId);
        }
    }

    public ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken) => ReadRetryingAsync(async () =>
    {
        await using var command = dataSource.CreateCommand("SELECT data, etag FROM grain_state WHERE grain_type = @t AND grain_key = @k");
        command.Parameters.AddWithValue("t", stateId.Type);
        command.Parameters.AddWithValue("k", stateId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredGrainState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    });

    public async ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken)
    {
        var etags = await CommitAsync(new PartitionCommit("", [], [new StateWrite(stateId, state.ToArray(), expectedETag)]), cancellationToken);
        return etags[0];
    }

    public ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken) => ReadRetryingAsync(async () =>
    {
        await using var command = dataSource.CreateCommand("SELECT next_offset FROM partition_offsets WHERE consumer_group = @g AND topic = @t AND partition = @p");
        command.Parameters.AddWithValue("g", group);
        command.Parameters.AddWithValue("t", partition.Topic);
        command.Parameters.AddWithValue("p", partition.Partition);
        return await command.ExecuteScalarAsync(cancellationToken) is long offset ? offset : 0;
    });

    /// <summary>
    /// After a server restart every idle pooled connection is dead and fails once on use; drop them and try a
    /// read again, so a restart costs callers (GET totals, KPI queries) nothing. Commits are retried by the partition worker.
    /// </summary>
    public async ValueTask<T> ReadRetryingAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException e) when (e.IsTransient || e.InnerException is IOException or System.Net.Sockets.SocketException)
        {
            dataSource.Clear();
            return await read();
        }
    }

    public async ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        try
        {
            return await CommitOnceAsync(commit, cancellationToken);
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            // Dead pooled connections (server restart): drop them so the caller's retry opens fresh ones.
            dataSource.Clear();
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> CommitOnceAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (commit.Offsets.Count > 0 && !await PostgresCommitWriter.AdvanceOffsetsAsync(connection, transaction, commit, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await AlreadyAppliedAsync(commit, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var states = PostgresCommitWriter.AddStates(batch, commit.States, out var etags);
        foreach (var rows in commit.Rows.GroupBy(r => r.GetType()))
        {
            var writer = _rowWriters.TryGetValue(rows.Key, out var w)
                ? w
                : throw new InvalidOperationException($"No {nameof(IPostgresRowWriter)} is registered for rows of type {rows.Key.Name}.");
            writer.AddCommands(batch, [.. rows]);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        if (states is not null && states.RecordsAffected != commit.States.Count)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw await PostgresCommitWriter.ConflictAsync(dataSource, commit.States, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return etags;
    }

    /// <summary>
    /// The offset fence refused the commit. If every offset already equals this commit's target, the commit was
    /// applied before (a retry after a lost acknowledgement, or another owner that replayed the same records from
    /// the same committed state, which writes the same result): report its ETags. Otherwise another owner moved on.
    /// </summary>
    private async Task<IReadOnlyList<string>> AlreadyAppliedAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        var stored = await PostgresCommitWriter.StoredOffsetsAsync(dataSource, commit, cancellationToken);
        if (stored.SequenceEqual(commit.Offsets.Select(o => o.NextOffset)))
        {
            return [.. commit.States.Select(s => ETags.Next(s.ExpectedETag))];
        }

        var partition = commit.Offsets[0].Partition;
        throw new StaleETagException(
            new StateId("partition-offsets", partition.ToString()), null, null,
            $"Offsets of partition {partition.Partition} were moved by another owner (stored {string.Join(",", stored)}, expected {string.Join(",", commit.ExpectedOffsets ?? [])}): this process no longer owns it.");
    }

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var command = dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(timeout.Token) is int;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
