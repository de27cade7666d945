using AdOrleans.Grains.Kpi;
using AdOrleans.Silo.Postgres;
using Npgsql;

namespace AdOrleans.Silo.Kpi.Postgres;

/// <summary>
/// Keeps day partitions of <c>kpi_rollups</c> ready before rows arrive: on start (before the partition host, so
/// first commits already find today's partition) the days from <see cref="DaysBack"/> ago to <see cref="DaysAhead"/>
/// ahead, then hourly the days ahead. The gateway accepts events at most 30 days old and 5 minutes ahead, so every
/// row normally finds its partition; the rest (a store that was down for longer, clock skew) go to the default
/// partition, which is just as correct. A failure is logged and retried on the next round.
/// </summary>
public sealed partial class KpiPartitionMaintenance(PostgresGrainStateStore store, TimeProvider time, ILogger<KpiPartitionMaintenance> logger) : BackgroundService
{
    public const int DaysBack = 31;
    public const int DaysAhead = 7;

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

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
        var today = KpiGranularity.Day.BucketStart(time.GetUtcNow().ToUnixTimeSeconds());
        try
        {
            await using var command = store.DataSource.CreateCommand("SELECT kpi_rollups_ensure_days(@first, @last)");
            command.Parameters.AddWithValue("first", today + (firstDayOffset * 86_400L));
            command.Parameters.AddWithValue("last", today + (DaysAhead * 86_400L));
            var created = await command.ExecuteScalarAsync(cancellationToken);
            Log.Ensured(logger, created as int? ?? 0);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "KPI rollup day partitions ensured ({Created} created)")]
        public static partial void Ensured(ILogger logger, int created);

        [LoggerMessage(LogLevel.Warning, "Could not create KPI rollup day partitions; rows go to the default partition until the next round")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}
