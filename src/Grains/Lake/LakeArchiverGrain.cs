using AdOrleans.Log;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Archives every event of one events partition as Parquet (docs/lake.md). Fed by the partition's stream, like the
/// aggregator: each record arrives after the receiver's eventId dedupe, so the lake holds what the KPIs count. New
/// records are buffered; every <see cref="LakeOptions.FlushInterval"/> (or <see cref="LakeOptions.MaxBufferedEvents"/>)
/// they become one file per date and channel, and only then does the archiver store the new offset with the
/// manifest. While records are buffered it holds the partition's checkpoint below them (<see cref="CheckpointHolds"/>),
/// so a crash replays them rather than losing them; replayed offsets at or below the stored one are skipped. The
/// buffer is the offsets of the records delivered (8 bytes each): the records themselves are read back from the log
/// when the file is written. Seconds of decoded events held as objects made every collection of the server GC
/// promote them, and its gen0 pauses 20–23 ms instead of ~4 (docs/benchmarks-ingest.md).
/// </summary>
[GrainType(ILakeArchiverGrain.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.EventAggregates)]
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class LakeArchiverGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<LakeArchiverState> storage,
    CheckpointHolds holds,
    LakeMergeGate merges,
    IPartitionedLog log,
    IOptions<LakeOptions> options,
    TimeProvider clock,
    ILogger<LakeArchiverGrain> logger)
    : Grain, ILakeArchiverGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<LogEntry>
{
    /// <summary>Offsets of the delivered events not written yet, ascending: the receiver's retry dedupe already chose them.</summary>
    private readonly List<long> _buffer = [];
    private readonly LakeOptions _options = options.Value;

    /// <summary>Off when disabled, and in a host that did not resolve the root (one without <c>AddLake</c>, e.g. a grain test silo).</summary>
    private bool Active => _options.Enabled && _options.Root.Length > 0;
    private int _partition;
    private DateTimeOffset _maintainedAt;

    private LakeArchiverState State => storage.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _partition = EventAggregators.PartitionOf(this.GetPrimaryKeyString());
        holds.Release(_partition, CheckpointHolder.Lake);
        if (!Active)
        {
            return;
        }

        var manifest = State.Files.ToList();
        await Task.Run(() => RemoveStrays(manifest), cancellationToken);
        _maintainedAt = clock.GetUtcNow();
        // The archivers activate together, so their flushes ran together every interval: a burst of Parquet writes on
        // every core at once, which doubled the p99 of paced single events (lake off 14-17 ms, on 32-34 ms). Each
        // partition's first flush is put off by its share of the interval, which spreads the writes across it.
        var stagger = _options.FlushInterval * _partition / log.PartitionCount(Topics.Events);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(_options.FlushInterval + stagger, _options.FlushInterval));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await WriteBufferAsync();
        }
        catch (Exception e)
        {
            // The hold kept the checkpoint below these records: the next activation gets them again.
            Log.FlushFailed(logger, e, _partition);
        }
        finally
        {
            holds.Release(_partition, CheckpointHolder.Lake);
        }
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<LogEntry>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<LogEntry>> items)
    {
        if (!Active)
        {
            return;
        }

        foreach (var item in items)
        {
            var entry = item.Item;
            var last = _buffer.Count > 0 ? _buffer[^1] : State.ArchivedThrough;
            if (entry.Offset <= last || entry.Event is null)
            {
                continue;
            }

            if (_buffer.Count == 0)
            {
                holds.Hold(_partition, CheckpointHolder.Lake, entry.Offset);
            }

            _buffer.Add(entry.Offset);
        }

        // Without this silo's receiver to hold, acknowledging a buffered record would let the checkpoint pass it.
        if (_buffer.Count >= _options.MaxBufferedEvents || (_buffer.Count > 0 && !holds.IsReadHere(_partition)))
        {
            await WriteBufferAsync();
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<IReadOnlyList<LakeFile>> GetFilesAsync() => Task.FromResult<IReadOnlyList<LakeFile>>([.. State.Files]);

    public async Task FlushAsync()
    {
        if (!Active)
        {
            return;
        }

        await WriteBufferAsync();
        await MaintainAsync(waitForOtherMerges: true);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await WriteBufferAsync();
        if (clock.GetUtcNow() - _maintainedAt >= _options.MaintenanceInterval)
        {
            await MaintainAsync(waitForOtherMerges: false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "The lake archiver of events[{Partition}] could not write its buffer; the records are replayed from the checkpoint")]
        public static partial void FlushFailed(ILogger logger, Exception e, int partition);

        [LoggerMessage(LogLevel.Information, "The lake archiver of events[{Partition}] deleted {Count} files not in its manifest (left by a crash)")]
        public static partial void RemovedStrays(ILogger logger, int partition, int count);

        [LoggerMessage(LogLevel.Information, "The lake archiver of events[{Partition}] merged {Merged} files into {Written} and expired {Expired}")]
        public static partial void Maintained(ILogger logger, int partition, int merged, int written, int expired);
    }
}
