using Npgsql;

namespace AdOrleans.Persistence.Postgres.DayPartitions;

/// <summary>
/// Keeps the day partitions of every <see cref="DayPartitionedTable"/> ready before rows arrive: on start (before
/// the partition host, so first commits already find today's partition) the days from <see cref="DaysBack"/> ago
/// to <see cref="DaysAhead"/> ahead, then hourly the days ahead. The gateway accepts events at most 30 days old and
/// 5 minutes ahead, so rows normally find their partition; the rest (a store down for longer, clock skew) go to
/// the default partition, which is just as correct. A failure is logged and retried on the next round.
/// </summary>
public sealed partial class DayPartitionMaintenance(PostgresGrainStateStore store, IEnumerable<DayPartitionedTable> tables, TimeProvider time, ILogger<DayPartitionMaintenance> logger) : BackgroundService
{
    public const int DaysBack = 31;
    public const int DaysAhead = 7;

    private const long Day = 86_400;

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly IReadOnlyList<DayPartitionedTable> _tables = [.. tables.Distinct()];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(-DaysBack, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await EnsureAsync(0, stoppingToken);
        }
    }

    private async Task EnsureAsync(int firstDayOffset, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var today = now - (now % Day);
        foreach (var table in _tables)
        {
            try
            {
                await using var command = store.DataSource.CreateCommand("SELECT ensure_day_partitions(@t, @c, @first, @last)");
                command.Parameters.AddWithValue("t", table.Table);
                command.Parameters.AddWithValue("c", table.KeyColumn);
                command.Parameters.AddWithValue("first", today + (firstDayOffset * Day));
                command.Parameters.AddWithValue("last", today + (DaysAhead * Day));
                Log.Ensured(logger, table.Table, await command.ExecuteScalarAsync(cancellationToken) as int? ?? 0);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                Log.Failed(logger, e, table.Table);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "Day partitions of {Table} ensured ({Created} created)")]
        public static partial void Ensured(ILogger logger, string table, int created);

        [LoggerMessage(LogLevel.Warning, "Could not create day partitions of {Table}; rows go to its default partition until the next round")]
        public static partial void Failed(ILogger logger, Exception e, string table);
    }
}
