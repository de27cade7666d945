using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go through one connection, one at a time
/// (SQLite has a single writer anyway); reads use pooled connections and never block the writer.
/// A process crash loses nothing committed; a power loss can lose the last commits, state and offsets
/// together (synchronous=NORMAL), which replay from the log restores.
/// </summary>
public sealed class SqliteGrainStateStore : IGrainStateStore, IReleasesMemoryWhenIdle, IDisposable
{
    /// <summary>Page cache of the writer connection, in KiB (a memory budget of the embedded store).</summary>
    public const int WriterCacheKiB = 65_536;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly WalCheckpointer _checkpointer;

    private readonly Dictionary<Type, ISqliteRowWriter> _rowWriters;

    public SqliteGrainStateStore(string path, IEnumerable<ISqliteRowWriter>? rowWriters = null, ILogger<SqliteGrainStateStore>? logger = null)
    {
        var writers = rowWriters?.ToList() ?? [];
        _rowWriters = writers.ToDictionary(w => w.RowType);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        SqliteSchema.Migrate(_writer, writers);
        using var pragma = _writer.CreateCommand();
        // A 64 MiB page cache for the writer (SQLite's default is 2 MiB): with many keys, each commit upserts rows
        // all over the rollup and key tables, and a small cache turns those into page reads from the OS cache.
        // Checkpoints run in the background (WalCheckpointer); the writer's own threshold is only the fallback.
        // secure_delete=FAST zeroes deleted cells within the pages a write touches anyway (no extra I/O), so an erased
        // user's rows do not linger in live pages; SqliteStoreScrubber removes the other copies (docs/privacy.md).
        pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA secure_delete=FAST; PRAGMA busy_timeout=30000; PRAGMA cache_size=-{WriterCacheKiB}; PRAGMA wal_autocheckpoint={WalCheckpointer.FallbackPages};";
        pragma.ExecuteNonQuery();
        _checkpointer = new WalCheckpointer(_connectionString, logger);
    }

    public string ConnectionString => _connectionString;

    /// <summary>A pooled read connection for queries over rows (KPIs, reports); never blocks the writer (WAL).</summary>
    public Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) => OpenReaderAsync(cancellationToken);

    public async ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM grain_state WHERE grain_type = $t AND grain_key = $k";
        command.Parameters.AddWithValue("$t", stateId.Type);
        command.Parameters.AddWithValue("$k", stateId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredGrainState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    public async ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken)
    {
        var etags = await CommitAsync(new PartitionCommit("", [], [new StateWrite(stateId, state.ToArray(), expectedETag)]), cancellationToken);
        return etags[0];
    }

    public async ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT next_offset FROM partition_offsets WHERE consumer_group = $g AND topic = $t AND partition = $p";
        command.Parameters.AddWithValue("$g", group);
        command.Parameters.AddWithValue("$t", partition.Topic);
        command.Parameters.AddWithValue("$p", partition.Partition);
        return await command.ExecuteScalarAsync(cancellationToken) is long offset ? offset : 0;
    }

    public async ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            var etags = SqliteCommitWriter.WriteStates(_writer, transaction, commit.States);
            SqliteCommitWriter.WriteOffsets(_writer, transaction, commit);
            foreach (var rows in commit.Rows.GroupBy(r => r.GetType()))
            {
                var writer = _rowWriters.TryGetValue(rows.Key, out var w)
                    ? w
                    : throw new InvalidOperationException($"No {nameof(ISqliteRowWriter)} is registered for rows of type {rows.Key.Name}.");
                writer.Write(_writer, transaction, [.. rows]);
            }

            transaction.Commit();
            _checkpointer.Signal();
            return etags;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return await command.ExecuteScalarAsync(cancellationToken) is long;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Empties the writer's page cache (up to <see cref="WriterCacheKiB"/>, filled by a burst of new keys) and closes
    /// pooled read connections with theirs; the next commit re-reads the pages it needs from the OS cache.
    /// </summary>
    public async Task<long> ReleaseMemoryAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var before = CacheUsedBytes(_writer);
            using var shrink = _writer.CreateCommand();
            shrink.CommandText = "PRAGMA shrink_memory";
            shrink.ExecuteNonQuery();
            SqliteConnection.ClearAllPools();
            return Math.Max(0, before - CacheUsedBytes(_writer));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The bytes the connection's page cache holds (<c>SQLITE_DBSTATUS_CACHE_USED</c>).</summary>
    public static long CacheUsedBytes(SqliteConnection connection)
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_USED, out var current, out _, 0);
        return current;
    }

    /// <summary>The writer's page cache in bytes now.</summary>
    public long WriterCacheUsedBytes => CacheUsedBytes(_writer);

    public void Dispose()
    {
        _checkpointer.Dispose();
        _writer.Dispose();
        _writeGate.Dispose();
    }
}
