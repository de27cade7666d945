using Microsoft.Extensions.Logging;

namespace AdOrleans.Runtime;

/// <summary>
/// Owns partition p of every subscribed topic while this process holds it in the consumer group.
/// Loop: read a batch, deliver each record to its grain as a turn, snapshot the changed grains,
/// commit their states with the next offsets in one store transaction. A crash between commits
/// replays the uncommitted records against the last committed states: no loss, no double count.
/// </summary>
internal sealed partial class PartitionWorker(
    int partition,
    IReadOnlyList<string> topics,
    IPartitionedLog log,
    IGrainStateStore store,
    GrainCatalog catalog,
    PartitionOptions options,
    IReadOnlyList<IPartitionCommitObserver> observers,
    ILogger logger)
{
    private readonly CancellationTokenSource _stop = new();
    private IPartitionReader[] _readers = [];
    private Task _loop = Task.CompletedTask;

    public int Partition => partition;

    public bool Loaded { get; private set; }

    public long[] CommittedOffsets { get; private set; } = new long[topics.Count];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await OpenReadersAsync(cancellationToken);
        Loaded = true;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Lets the batch in progress finish and commit, then stops.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }

    private async Task OpenReadersAsync(CancellationToken cancellationToken)
    {
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }

        var readers = new IPartitionReader[topics.Count];
        for (var i = 0; i < topics.Count; i++)
        {
            var tp = new TopicPartition(topics[i], partition);
            CommittedOffsets[i] = await store.ReadOffsetAsync(options.Group, tp, cancellationToken);
            readers[i] = log.OpenReader(tp, CommittedOffsets[i]);
        }

        _readers = readers;
    }

    private async Task RunAsync()
    {
        var records = new List<LogRecord>(options.MaxBatch);
        var delay = options.RetryDelay;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                records.Clear();
                foreach (var reader in _readers)
                {
                    reader.Read(records, options.MaxBatch - records.Count);
                }

                if (records.Count == 0)
                {
                    await WaitForRecordsAsync();
                    continue;
                }

                await ProcessAsync(records);
                delay = options.RetryDelay;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Log.PartitionFailed(logger, e, partition, delay);
                await ResetAsync(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task WaitForRecordsAsync()
    {
        if (_readers.Length == 1)
        {
            await _readers[0].WaitForRecordsAsync(options.PollTimeout, _stop.Token);
            return;
        }

        await Task.WhenAny(_readers.Select(r => r.WaitForRecordsAsync(options.PollTimeout, _stop.Token).AsTask()));
        _stop.Token.ThrowIfCancellationRequested();
    }

    private async Task ProcessAsync(List<LogRecord> records)
    {
        var deliveries = 0;
        foreach (var record in records)
        {
            deliveries += catalog.SubscribersOf(record.Topic).Length;
        }

        var batch = new PartitionBatch(deliveries);
        foreach (var record in records)
        {
            foreach (var type in catalog.SubscribersOf(record.Topic))
            {
                type.Dispatch(record.Key, new RecordTurn(record, batch));
            }
        }

        await batch.Done;
        var changed = batch.Changed;
        var snapshots = await PartitionSnapshot.TakeAsync(changed);
        var offsets = _readers.Select((r, i) => (new TopicPartition(topics[i], partition), r.Position)).ToList();
        var writes = snapshots.Where(s => s.Data is not null)
            .Select(s => new StateWrite(s.Activation.Id, s.Data!, s.ETag)).ToList();
        var rows = snapshots.Where(s => s.Rows is not null).SelectMany(s => s.Rows!).ToList();
        var etags = await CommitWithRetryAsync(new PartitionCommit(options.Group, offsets, writes) { Rows = rows, ExpectedOffsets = [.. CommittedOffsets] });
        PartitionSnapshot.Acknowledge(snapshots, etags);
        for (var i = 0; i < offsets.Count; i++)
        {
            CommittedOffsets[i] = offsets[i].Position;
        }

        if (observers.Count > 0)
        {
            var grains = changed.Select(a => a.Id).ToList();
            foreach (var observer in observers)
            {
                observer.OnCommitted(partition, grains);
            }
        }
    }

    private async Task<IReadOnlyList<string>> CommitWithRetryAsync(PartitionCommit commit)
    {
        var delay = options.RetryDelay;
        while (true)
        {
            try
            {
                return await store.CommitAsync(commit, CancellationToken.None);
            }
            catch (Exception e) when (e is not InconsistentStateException)
            {
                // The batch stays in memory; retrying the same commit is safe because nothing was written.
                Log.CommitRetry(logger, e, partition, delay);
                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Throws away in-memory grain state of this partition and resumes from the last commit.</summary>
    private async Task ResetAsync(TimeSpan delay)
    {
        await catalog.DeactivateAsync(DeactivationReason.PartitionRevoked, id => OwnedBy(id));
        try
        {
            await Task.Delay(delay, _stop.Token);
            await OpenReadersAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Log.PartitionFailed(logger, e, partition, delay);
        }
    }

    public bool OwnedBy(GrainId id) => KeyPartitioner.Partition(id.Key, log.PartitionCount(topics[0])) == partition;

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Partition {Partition} failed; resuming from its last commit in {Delay}")]
        public static partial void PartitionFailed(ILogger logger, Exception e, int partition, TimeSpan delay);

        [LoggerMessage(LogLevel.Warning, "Commit of partition {Partition} failed; retrying in {Delay}")]
        public static partial void CommitRetry(ILogger logger, Exception e, int partition, TimeSpan delay);
    }
}
