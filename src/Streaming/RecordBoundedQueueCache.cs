using System.Diagnostics.CodeAnalysis;
using Orleans.Providers.Streams.Common;

namespace AdOrleans.Streaming;

/// <summary>
/// Orleans' cache of one queue, also bounded in log records. Its own bound counts batch containers, and a container
/// carries every record of its stream in one poll (up to <see cref="LogStreamOptions.MaxRecordsPerPoll"/>): while
/// the grains lagged behind a backlog, the cache read ahead into millions of decoded events (RSS 8 GB after 11
/// million batched events). Under pressure the pulling agent stops reading until deliveries free the oldest
/// containers; the backlog stays in the log, where it is durable anyway.
/// </summary>
internal sealed class RecordBoundedQueueCache(int cacheSize, int maxRecords, ILogger logger) : SimpleQueueCache(cacheSize, logger)
{
    /// <summary>Containers in the order they were added: the cache always removes the oldest first.</summary>
    private readonly Queue<IBatchContainer> _added = new();
    private long _records;

    public long Records => _records;

    public override bool IsUnderPressure() => _records >= maxRecords || base.IsUnderPressure();

    public override void AddToCache(IList<IBatchContainer> msgs)
    {
        base.AddToCache(msgs);
        foreach (var container in msgs)
        {
            _added.Enqueue(container);
            _records += RecordsOf(container);
        }
    }

    /// <summary>
    /// The purged containers are the oldest ones, except those whose delivery failed (the cache leaves them out of
    /// the list): everything added up to the last one listed is gone.
    /// </summary>
    public override bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        if (!base.TryPurgeFromCache(out purgedItems))
        {
            return false;
        }

        if (purgedItems.Count > 0)
        {
            var last = purgedItems[^1];
            while (_added.TryDequeue(out var removed))
            {
                _records -= RecordsOf(removed);
                if (ReferenceEquals(removed, last))
                {
                    break;
                }
            }
        }

        return true;
    }

    private static int RecordsOf(IBatchContainer container) => container is LogBatchContainer log ? log.Entries.Length : 1;
}
