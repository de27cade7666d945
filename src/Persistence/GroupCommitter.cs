using System.Threading.Channels;

namespace AdOrleans.Persistence;

/// <summary>
/// Group commit: concurrent writes of many grains (and the stream receivers' checkpoints and rows) wait in one
/// queue; a single loop takes everything queued and commits it in one store transaction, so the number of
/// transactions follows the store's speed, not the number of writers. The loop runs on the thread pool, never on
/// Orleans' scheduler. One stale ETag fails only its own write: the batch is retried without it.
/// </summary>
public sealed partial class GroupCommitter : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 4_096;

    private readonly IGrainStateStore _store;
    private readonly IReadOnlyList<IStateCommitObserver> _observers;
    private readonly ILogger<GroupCommitter> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GroupCommitter(IGrainStateStore store, IEnumerable<IStateCommitObserver> observers, ILogger<GroupCommitter> logger)
    {
        (_store, _observers, _logger) = (store, [.. observers], logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Writes one grain state (ETag-checked) with its rows; returns the new ETag.</summary>
    /// <exception cref="StaleETagException">The stored ETag differs; nothing of this write landed.</exception>
    public async Task<string> WriteStateAsync(StateWrite state, IReadOnlyList<object> rows)
    {
        var pending = new PendingWrite(state, rows, null, []);
        await EnqueueAsync(pending);
        return pending.ETag!;
    }

    /// <summary>Writes queue checkpoints and rows that belong to no grain (receivers' eventIds, dead letters).</summary>
    public Task WriteAsync(string group, IReadOnlyList<(TopicPartition Partition, long NextOffset)> offsets, IReadOnlyList<object> rows) =>
        EnqueueAsync(new PendingWrite(null, rows, group, offsets));

    /// <summary>
    /// Writes rows emitted by a grain whose state another storage writes (Orleans' ADO.NET provider): no group, so
    /// the commit never takes its consumer group from this write.
    /// </summary>
    public Task WriteRowsAsync(IReadOnlyList<object> rows) =>
        EnqueueAsync(new PendingWrite(null, rows, null, []));

    private Task EnqueueAsync(PendingWrite pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter));
        }

        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await CommitTogetherAsync(batch);
        }
        catch (StaleETagException) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await CommitAloneAsync(pending);
            }
        }
        catch (Exception e)
        {
            Log.CommitFailed(_logger, e, batch.Count);
            batch.ForEach(p => p.Done.TrySetException(e));
        }
    }

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        try
        {
            await CommitTogetherAsync([pending]);
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private async Task CommitTogetherAsync(List<PendingWrite> batch)
    {
        var states = batch.Where(p => p.State is not null).Select(p => p.State!).ToList();
        var offsets = batch.SelectMany(p => p.Offsets).GroupBy(o => o.Partition).Select(g => (g.Key, g.Max(o => o.NextOffset))).ToList();
        var group = batch.Select(p => p.Group).FirstOrDefault(g => g is not null) ?? "";
        var commit = new PartitionCommit(group, offsets, states) { Rows = [.. batch.SelectMany(p => p.Rows)] };
        var etags = await _store.CommitAsync(commit, CancellationToken.None);
        var next = 0;
        foreach (var pending in batch)
        {
            if (pending.State is not null)
            {
                pending.ETag = etags[next++];
            }

            pending.Done.TrySetResult();
        }

        if (states.Count > 0)
        {
            var ids = states.Select(s => s.StateId).ToList();
            foreach (var observer in _observers)
            {
                observer.OnCommitted(ids);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record PendingWrite(StateWrite? State, IReadOnlyList<object> Rows, string? Group, IReadOnlyList<(TopicPartition Partition, long NextOffset)> Offsets)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? ETag { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "A group commit of {Count} writes failed; each writer retries")]
        public static partial void CommitFailed(ILogger logger, Exception e, int count);
    }
}
