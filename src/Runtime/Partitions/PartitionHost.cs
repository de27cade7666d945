using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Runtime;

/// <summary>
/// Joins the silos' consumer group and runs a <see cref="PartitionWorker"/> for every partition this
/// process is given. On revocation (rebalance or shutdown) it commits and deactivates that partition's
/// grains before the partition is released, so the next owner starts from exactly where this one stopped.
/// </summary>
public sealed partial class PartitionHost(
    IPartitionedLog log,
    IGrainStateStore store,
    GrainCatalog catalog,
    IOptions<PartitionOptions> options,
    IEnumerable<IPartitionCommitObserver> observers,
    ILogger<PartitionHost> logger) : IHostedService, IPartitionAssignmentHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PartitionWorker> _workers = [];
    private readonly IReadOnlyList<IPartitionCommitObserver> _observers = [.. observers];
    private IAsyncDisposable? _membership;
    private IReadOnlyList<string> _topics = [];

    private volatile bool _joined;
    private volatile bool _assigned;

    /// <summary>
    /// True once this process has joined the group and loaded the offsets of every partition it owns; false again
    /// from a revocation until the next assignment is loaded (a rebalance) and from shutdown on.
    /// </summary>
    public bool IsReady => _joined && _assigned;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _topics = [.. catalog.TopicsSubscribed.Order(StringComparer.Ordinal)];
        if (_topics.Count == 0)
        {
            _joined = _assigned = true;
            return;
        }

        _membership = await log.JoinGroupAsync(options.Value.Group, _topics, this, cancellationToken);
        _joined = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _joined = false;
        if (_membership is not null)
        {
            try
            {
                // Bounded by the host's shutdown timeout: a partition that cannot commit in time is replayed by its next owner.
                await _membership.DisposeAsync().AsTask().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Log.HandOverTimedOut(logger);
            }
        }
    }

    public async Task OnAssignedAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        Log.Assigned(logger, partitions.Count, string.Join(",", partitions));
        await Task.WhenAll(partitions.Select(async p =>
        {
            var worker = new PartitionWorker(p, _topics, log, store, catalog, options.Value, _observers, logger);
            await worker.StartAsync(cancellationToken);
            lock (_gate)
            {
                _workers[p] = worker;
            }
        }));
        _assigned = true;
    }

    public async Task OnRevokedAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        Log.Revoked(logger, partitions.Count, string.Join(",", partitions));
        _assigned = false;
        List<PartitionWorker> stopping;
        lock (_gate)
        {
            stopping = [.. partitions.Where(_workers.ContainsKey).Select(p => _workers[p])];
            foreach (var p in partitions)
            {
                _workers.Remove(p);
            }
        }

        await Task.WhenAll(stopping.Select(w => w.StopAsync()));
        await catalog.DeactivateAsync(DeactivationReason.PartitionRevoked, id => stopping.Any(w => w.OwnedBy(id)));
    }

    public async Task<IReadOnlyList<PartitionStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        PartitionWorker[] workers;
        lock (_gate)
        {
            workers = [.. _workers.Values.OrderBy(w => w.Partition)];
        }

        var result = new List<PartitionStatus>();
        foreach (var worker in workers)
        {
            for (var i = 0; i < _topics.Count; i++)
            {
                var end = await log.EndOffsetAsync(new TopicPartition(_topics[i], worker.Partition), cancellationToken);
                var committed = worker.CommittedOffsets[i];
                result.Add(new PartitionStatus(_topics[i], worker.Partition, committed, end, end - committed));
            }
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Assigned {Count} partitions: {Partitions}")]
        public static partial void Assigned(ILogger logger, int count, string partitions);

        [LoggerMessage(LogLevel.Warning, "Partitions were not handed over within the shutdown timeout; uncommitted records will be replayed")]
        public static partial void HandOverTimedOut(ILogger logger);

        [LoggerMessage(LogLevel.Information, "Revoking {Count} partitions: {Partitions}")]
        public static partial void Revoked(ILogger logger, int count, string partitions);
    }
}

public sealed record PartitionStatus(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag);
