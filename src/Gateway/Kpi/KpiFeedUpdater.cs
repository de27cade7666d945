using System.Threading.Channels;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// Appends committed buckets to this process's change feed: those this silo committed and those the relay brought
/// from other processes. Coalesces whatever queued meanwhile and reads the buckets' committed totals (summed over
/// every source); reading costs a query per bucket, so while no client listens it only marks a gap in the feed.
/// </summary>
public sealed partial class KpiFeedUpdater(IKpiQueries queries, KpiChangeFeed feed, ILogger<KpiFeedUpdater> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyCollection<KpiBucketKey>> _changed =
        Channel.CreateUnbounded<IReadOnlyCollection<KpiBucketKey>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Never blocks: called by the commit observer and by the relay's receiver.</summary>
    public void Enqueue(IReadOnlyCollection<KpiBucketKey> buckets) => _changed.Writer.TryWrite(buckets);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _changed.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var buckets = new HashSet<KpiBucketKey>();
            while (reader.TryRead(out var more))
            {
                buckets.UnionWith(more);
            }

            if (!feed.HasListeners)
            {
                feed.MarkGap();
                continue;
            }

            try
            {
                feed.Publish(await queries.BucketsAsync(buckets, stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PublishFailed(logger, e, buckets.Count);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not read {Count} changed KPI buckets for the stream; clients see them on their next refetch")]
        public static partial void PublishFailed(ILogger logger, Exception e, int count);
    }
}
