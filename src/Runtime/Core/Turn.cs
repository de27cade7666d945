namespace AdOrleans.Runtime;

/// <summary>
/// One message to an activation. Turns form an intrusive linked list so that enqueueing
/// allocates nothing beyond the turn itself. <see cref="ExecuteAsync"/> never faults:
/// each turn reports its own outcome to whoever waits for it.
/// </summary>
internal abstract class Turn
{
    internal Turn? Next;

    /// <summary>Whether this turn counts as activity that keeps the grain from idle deactivation.</summary>
    public virtual bool KeepsAlive => true;

    public abstract ValueTask ExecuteAsync(Activation activation);

    /// <summary>Called instead of <see cref="ExecuteAsync"/> when the activation cannot run it.</summary>
    public abstract void Abort(Exception reason);
}

internal sealed class OneWayTurn<TGrain, TArg>(Func<TGrain, TArg, ValueTask> body, TArg arg) : Turn
{
    public override ValueTask ExecuteAsync(Activation activation)
    {
        ValueTask pending;
        try
        {
            pending = body((TGrain)(object)activation.Grain, arg);
        }
        catch (Exception e)
        {
            activation.ReportTurnFailure(e);
            return default;
        }

        return pending.IsCompletedSuccessfully ? default : AwaitAsync(pending, activation);
    }

    private static async ValueTask AwaitAsync(ValueTask pending, Activation activation)
    {
        try
        {
            await pending;
        }
        catch (Exception e)
        {
            activation.ReportTurnFailure(e);
        }
    }

    public override void Abort(Exception reason)
    {
    }
}

internal sealed class CallTurn<TGrain, TArg, TResult>(Func<TGrain, TArg, ValueTask<TResult>> body, TArg arg) : Turn
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Completion => _completion.Task;

    public override ValueTask ExecuteAsync(Activation activation)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = body((TGrain)(object)activation.Grain, arg);
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(pending.Result);
            return default;
        }

        return AwaitAsync(pending);
    }

    private async ValueTask AwaitAsync(ValueTask<TResult> pending)
    {
        try
        {
            _completion.TrySetResult(await pending);
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
    }

    public override void Abort(Exception reason) => _completion.TrySetException(reason);
}

/// <summary>A runtime-internal turn (timer tick, snapshot, deactivation) with no caller waiting on a result.</summary>
internal sealed class SystemTurn(Func<Activation, ValueTask> body, bool keepsAlive = false, Action? aborted = null) : Turn
{
    public override bool KeepsAlive => keepsAlive;

    public override async ValueTask ExecuteAsync(Activation activation)
    {
        try
        {
            await body(activation);
        }
        catch (Exception e)
        {
            activation.ReportTurnFailure(e);
        }
    }

    /// <summary>System turns are not forwarded to a successor activation: they concern this one only.</summary>
    public override void Abort(Exception reason) => aborted?.Invoke();
}
