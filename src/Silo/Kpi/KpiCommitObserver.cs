using System.Threading.Channels;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Kpi;

/// <summary>
/// After a group commit, hands the buckets its aggregators wrote to the publisher (never blocks the
/// committer), which reads their committed totals and appends them to the change feed.
/// </summary>
public sealed class KpiCommitObserver(KpiChangeTracker changes) : IStateCommitObserver
{
    private readonly Channel<HashSet<KpiBucketKey>> _committed = Channel.CreateUnbounded<HashSet<KpiBucketKey>>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<HashSet<KpiBucketKey>> Committed => _committed.Reader;

    public void OnCommitted(IReadOnlyList<StateId> states)
    {

        HashSet<KpiBucketKey>? buckets = null;
        foreach (var grain in states)
        {
            if (grain.Type == IEventAggregatorGrain.GrainType)
            {
                changes.TakeInto(grain.Key, buckets ??= []);
            }
        }

        if (buckets is { Count: > 0 })
        {
            _committed.Writer.TryWrite(buckets);
        }
    }
}

/// <summary>
/// Publishes committed bucket totals to the feed, coalescing whatever commits queued meanwhile. Reading them back
/// costs a query per bucket, so while no client listens it only marks a gap in the feed.
/// </summary>
public sealed partial class KpiChangePublisher(KpiCommitObserver observer, IKpiQueries queries, KpiChangeFeed feed, ILogger<KpiChangePublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = observer.Committed;
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
