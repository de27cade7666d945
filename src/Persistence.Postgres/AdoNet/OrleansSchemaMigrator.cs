namespace AdOrleans.Persistence.Postgres.AdoNet;

/// <summary>
/// Runs <see cref="OrleansSchema"/> once per silo or client. PostgreSQL may still be starting next to
/// the process, so transient failures are retried with backoff, but only for <see cref="RetryFor"/>: a process
/// that fails to start is restarted and seen by the orchestrator, one that waits forever is not.
/// </summary>
internal sealed partial class OrleansSchemaMigrator(string connectionString, string serviceId, ILogger<OrleansSchemaMigrator> logger)
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await MigrateWithRetryAsync(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task MigrateWithRetryAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RetryFor;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var applied = await OrleansSchema.MigrateAsync(connectionString, serviceId, cancellationToken);
                Log.Migrated(logger, applied.Count, string.Join(", ", applied));
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow + delay < deadline && !cancellationToken.IsCancellationRequested)
            {
                Log.Retry(logger, e, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Orleans ADO.NET schema is current; applied {Count} migration(s) now: {Names}")]
        public static partial void Migrated(ILogger logger, int count, string names);

        [LoggerMessage(LogLevel.Warning, "PostgreSQL is not reachable for the Orleans ADO.NET schema; retrying in {Delay}")]
        public static partial void Retry(ILogger logger, Exception e, TimeSpan delay);
    }
}
