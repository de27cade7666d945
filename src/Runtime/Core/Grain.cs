using Microsoft.Extensions.Logging;

namespace AdOrleans.Runtime;

/// <summary>
/// Base class of every grain. An instance only ever runs one turn at a time; the runtime
/// creates it on the first message to its key and discards it after it has been idle.
/// </summary>
public abstract class Grain
{
    internal Activation? Activation { get; set; }

    public GrainId GrainId => Activation?.Id ?? throw new InvalidOperationException("The grain is not activated.");

    protected string GrainKey => GrainId.Key;

    protected IGrainFactory GrainFactory => Activation?.Catalog.Factory ?? throw new InvalidOperationException("The grain is not activated.");

    public virtual ValueTask OnActivateAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public virtual ValueTask OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Registers a timer whose callback runs as a turn of this grain, never interleaved with
    /// messages. A tick is skipped while the previous one is still queued or running.
    /// Timers do not keep a grain alive and stop when it deactivates.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, ValueTask> callback, TimeSpan dueTime, TimeSpan period)
    {
        var activation = Activation ?? throw new InvalidOperationException("Timers can only be registered by an activated grain.");
        return activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Asks the runtime to deactivate this grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation?.RequestDeactivation();

    private List<object>? _pendingRows;

    /// <summary>
    /// Queues a row (a rollup, a billing line) to be written in the same store transaction as this
    /// grain's state and the log offsets of the batch being handled: exactly-once, like the state.
    /// Only rows emitted while handling a log record are committed; upsert rows with absolute values
    /// so that a replay after a crash rewrites the same row.
    /// </summary>
    protected void EmitRow(object row) => (_pendingRows ??= []).Add(row);

    internal List<object>? TakeRows()
    {
        var rows = _pendingRows;
        _pendingRows = null;
        return rows;
    }

    internal virtual ValueTask LoadStateAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    internal virtual (byte[]? Data, string? ETag) SnapshotState() => (null, null);

    internal virtual void StateCommitted(string etag)
    {
    }

    protected ILogger Logger => Activation?.Catalog.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}

public enum DeactivationReason
{
    Idle,
    Requested,
    Shutdown,
    PartitionRevoked,
}
