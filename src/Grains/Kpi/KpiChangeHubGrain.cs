using AdOrleans.Grains.Alerts;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// The cluster's relay of committed KPI buckets (<see cref="IKpiChangeHubGrain"/>). Receivers hold leases, not
/// subscriptions: one that stops renewing (its process died) is dropped after <see cref="KpiChangeRelay.Lease"/>. Its
/// state is only these leases, so it is not persisted: after a restart receivers learn from their next renewal that
/// the hub forgot them (<see cref="KpiRelayLease.Known"/>) and mark a gap for what they may have missed.
/// </summary>
[GrainType(IKpiChangeHubGrain.GrainType)]
public sealed partial class KpiChangeHubGrain(TimeProvider clock, ILogger<KpiChangeHubGrain> logger) : Grain, IKpiChangeHubGrain
{
    private readonly Dictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);

    public Task<KpiRelayLease> SubscribeAsync(string process, IKpiChangeReceiver receiver, bool listening)
    {
        var known = _receivers.ContainsKey(process);
        _receivers[process] = new Receiver(receiver, listening, clock.GetUtcNow() + KpiChangeRelay.Lease);
        if (!known)
        {
            Log.ReceiverJoined(logger, process);
        }

        return Task.FromResult(new KpiRelayLease(known, IsWanted()));
    }

    public Task PublishAsync(string process, KpiBucketKey[] buckets)
    {
        foreach (var (_, receiver) in Others(process))
        {
            _ = receiver.Listening ? receiver.Reference.OnChangedAsync(buckets) : receiver.Reference.OnGapAsync();
        }

        return Task.CompletedTask;
    }

    public Task GapAsync(string process)
    {
        foreach (var (_, receiver) in Others(process))
        {
            _ = receiver.Reference.OnGapAsync();
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsWantedAsync() => Task.FromResult(IsWanted());

    public Task PublishAlertAsync(Alert alert)
    {
        DropExpired();
        foreach (var receiver in _receivers.Values)
        {
            _ = receiver.Reference.OnAlertAsync(alert);
        }

        return Task.CompletedTask;
    }

    private bool IsWanted()
    {
        DropExpired();
        return _receivers.Values.Any(r => r.Listening);
    }

    private List<(string Process, Receiver Receiver)> Others(string process)
    {
        DropExpired();
        return [.. _receivers.Where(r => r.Key != process).Select(r => (r.Key, r.Value))];
    }

    private void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (process, receiver) in _receivers.Where(r => r.Value.Until < now).ToList())
        {
            _receivers.Remove(process);
            Log.ReceiverDropped(logger, process);
        }
    }

    private sealed record Receiver(IKpiChangeReceiver Reference, bool Listening, DateTimeOffset Until);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "KPI stream receiver {Process} joined the change relay")]
        public static partial void ReceiverJoined(ILogger logger, string process);

        [LoggerMessage(LogLevel.Information, "KPI stream receiver {Process} stopped renewing its lease and was dropped")]
        public static partial void ReceiverDropped(ILogger logger, string process);
    }
}
