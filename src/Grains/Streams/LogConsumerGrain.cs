namespace AdOrleans.Grains.Streams;

/// <summary>
/// Base of the grains fed by the log. A delivery is every record of this grain's key from one poll (one batch
/// container, one turn): new records are applied, replays skipped, and the state, its emitted rows and the applied
/// offsets are written once. The delivery completes only after that write, so the stream's checkpoint never passes
/// a record whose effect is not durable. A record that throws is dead-lettered with the state (and logged), so one
/// poisoned record never blocks its key; a failing write throws and the stream retries the delivery.
/// </summary>
public abstract partial class LogConsumerGrain<TState>(IPersistentState<TState> storage, ILogger logger)
    : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<LogEntry>
    where TState : LogConsumerState, new()
{
    /// <summary>Set while in-memory state is ahead of storage (a write failed): the next delivery writes even if it only holds replays.</summary>
    private bool _unwritten;

    private string? _grainType;

    private string? _grainKey;

    protected TState State => storage.State;

    protected ILogger Logger => logger;

    /// <summary>This grain's type name ("event-aggregates", "campaign", …), for metrics and dead letters; computed once per activation.</summary>
    private string GrainTypeName => _grainType ??= this.GetGrainId().Type.ToString()!;

    /// <summary>Computed once per activation: the aggregator asks for it per event, and Orleans builds a new string each time.</summary>
    protected string GrainKey => _grainKey ??= this.GetPrimaryKeyString();

    protected bool StateExists => storage.RecordExists;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<LogEntry>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<LogEntry>> items)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var grainType = GrainTypeName;
        var changed = _unwritten;
        foreach (var item in items)
        {
            var entry = item.Item;
            if (!State.TryAdvance(entry))
            {
                changed |= Replayed(entry);
                continue;
            }

            changed = true;
            try
            {
                Apply(entry);
            }
            catch (Exception e)
            {
                Log.RecordFailed(logger, e, GetType().Name, GrainKey, entry.Topic, entry.Partition, entry.Offset);
                State.PendingRows.Add(new DeadLetter($"{grainType}/{GrainKey}", entry.Topic, entry.Partition, entry.Offset, e.Message, DateTimeOffset.UtcNow));
                DeliveryMetrics.Failed(grainType);
            }
        }

        if (changed)
        {
            await WriteStateAsync();
        }

        DeliveryMetrics.Delivered(grainType, items.Count, started);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Applies one new record to <see cref="State"/> (no I/O; emitted rows go to <see cref="LogConsumerState.PendingRows"/>).</summary>
    protected abstract void Apply(LogEntry entry);

    /// <summary>
    /// A record at or below the applied offset (a replay after a crash or a retried delivery): its effect on this
    /// grain's state is done. True when it still has an effect to send in <see cref="BeforeWriteAsync"/>.
    /// </summary>
    protected virtual bool Replayed(LogEntry entry) => false;

    /// <summary>
    /// Called before each write of the state, also when a failed write is retried: effects on other grains go here,
    /// so they happen before the offsets that would skip their records commit. They must be idempotent.
    /// </summary>
    protected virtual Task BeforeWriteAsync() => Task.CompletedTask;

    /// <summary>Called before each write of the state: the last moment to add rows to <see cref="LogConsumerState.PendingRows"/>.</summary>
    protected virtual void OnWriting()
    {
    }

    /// <summary>Called once a write of the state has committed.</summary>
    protected virtual void OnWritten()
    {
    }

    /// <summary>
    /// Writes state, rows and offsets in one transaction. On an ETag conflict another activation wrote first: this
    /// one drops its in-memory state (deactivates) and the delivery is retried against the stored state.
    /// </summary>
    protected async Task WriteStateAsync()
    {
        _unwritten = true;
        await BeforeWriteAsync();
        OnWriting();
        try
        {
            await storage.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }

        _unwritten = false;
        OnWritten();
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "{Grain} {Key} could not apply {Topic}[{Partition}]@{Offset}; dead-lettered")]
        public static partial void RecordFailed(ILogger logger, Exception e, string grain, string key, string topic, int partition, long offset);
    }
}
