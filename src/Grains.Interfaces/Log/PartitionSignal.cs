namespace AdOrleans.Log;

/// <summary>Wakes readers waiting for a partition to grow. Cheap to wait on repeatedly: one shared task per generation.</summary>
public sealed class PartitionSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for the next pulse; <paramref name="hasData"/> is re-checked after subscribing so no pulse is missed.</summary>
    public async ValueTask<bool> WaitAsync(Func<bool> hasData, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pulse = Volatile.Read(ref _next).Task;
        if (hasData())
        {
            return true;
        }

        try
        {
            await pulse.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        return hasData();
    }
}
