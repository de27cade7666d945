using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AdOrleans.Persistence.Postgres;

/// <summary>
/// Creates or upgrades the schema before the partition host starts (it is registered first), then claims the database
/// for this Orleans service (a database owned by another service stops start-up). PostgreSQL may still be starting
/// (a pod next to its database): retry with backoff until it answers or start-up is cancelled.
/// </summary>
public sealed partial class PostgresSchemaMigrator(PostgresGrainStateStore store, IOptions<ClusterOptions> cluster, ILogger<PostgresSchemaMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
                await store.ClaimAsync(cluster.Value.ServiceId, cancellationToken);
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
            {
                Log.Retry(logger, e, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "PostgreSQL (ConnectionStrings:Postgres) is not reachable for migrations; retrying in {Delay}. Check the host, port and credentials in the connection string and that the server runs")]
        public static partial void Retry(ILogger logger, Exception e, TimeSpan delay);
    }
}
