namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// The relay's loops wait for the host to have started: before that the silo has not registered its grain types (or
/// the client has not connected), and calling the hub only produced placement retries and warnings.
/// </summary>
public static class KpiRelayStart
{
    public static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
