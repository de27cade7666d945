using Microsoft.Extensions.Logging;

namespace AdOrleans.Runtime;

internal sealed partial class Activation
{
    private List<GrainTimer>? _timers;

    private async ValueTask ActivateAsync()
    {
        try
        {
            Grain = Type.CreateInstance();
            Grain.Activation = this;
            using var timeout = new CancellationTokenSource(Catalog.Options.ActivationTimeout);
            await Grain.LoadStateAsync(timeout.Token);
            await Grain.OnActivateAsync(timeout.Token);
            _status = Active;
            Type.Metrics.Activated();
        }
        catch (Exception e)
        {
            Log.ActivationFailed(Catalog.Logger, e, Id);
            Type.Activations.TryRemove(new KeyValuePair<string, Activation>(Key, this));
            _status = Dead;
            for (var turn = TakeNext(); turn is not null; turn = TakeNext())
            {
                turn.Abort(new GrainActivationException(Id, e));
            }
        }
    }

    internal void RequestDeactivation() => _deactivationRequested = true;

    /// <summary>Runs inside a turn: no other turn of this grain runs concurrently.</summary>
    internal async ValueTask DeactivateAsync(DeactivationReason reason)
    {
        if (_status != Active)
        {
            return;
        }

        // Changes not yet committed with their log offset live only here: keep the grain until the partition commits.
        if (HasUncommittedChanges && reason is DeactivationReason.Idle or DeactivationReason.Requested)
        {
            return;
        }

        _deactivationRequested = false;
        StopTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Catalog.Options.DeactivationTimeout);
            await Grain.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception e)
        {
            Log.DeactivationFailed(Catalog.Logger, e, Id);
        }

        Type.Activations.TryRemove(new KeyValuePair<string, Activation>(Key, this));
        _status = Dead;
        Type.Metrics.Deactivated();
    }

    /// <summary>Queues an idle check that deactivates the grain only if it is still idle when the check runs.</summary>
    internal void CollectIfIdle(long idleSinceTicks) =>
        Enqueue(new SystemTurn(a => a.LastActiveTicks <= idleSinceTicks && !a.HasUncommittedChanges && a._ready is null
            ? a.DeactivateAsync(DeactivationReason.Idle)
            : ValueTask.CompletedTask));

    internal Task DeactivateAsync(DeactivationReason reason, bool wait)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new SystemTurn(async a =>
        {
            await a.DeactivateAsync(reason);
            done.TrySetResult();
        }, aborted: () => done.TrySetResult()));
        return wait ? done.Task : Task.CompletedTask;
    }

    internal IDisposable RegisterTimer(Func<CancellationToken, ValueTask> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        (_timers ??= []).Add(timer);
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer) => _timers?.Remove(timer);

    private void StopTimers()
    {
        if (_timers is null)
        {
            return;
        }

        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        _timers = null;
    }

    internal void ReportTurnFailure(Exception e)
    {
        Type.Metrics.Failed();
        Log.TurnFailed(Catalog.Logger, e, Id);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Activation of {GrainId} failed")]
        public static partial void ActivationFailed(ILogger logger, Exception e, GrainId grainId);

        [LoggerMessage(LogLevel.Warning, "Deactivation of {GrainId} failed")]
        public static partial void DeactivationFailed(ILogger logger, Exception e, GrainId grainId);

        [LoggerMessage(LogLevel.Error, "A turn of {GrainId} failed")]
        public static partial void TurnFailed(ILogger logger, Exception e, GrainId grainId);
    }
}
