using AdOrleans.Grains.Alerts;
using Orleans.Concurrency;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Relays which KPI buckets silos committed to every other process that serves <c>/v1/kpi/stream</c>: a gateway-only
/// process commits nothing itself, and a silo commits only its own partitions. One activation per cluster
/// (<see cref="KpiChangeRelay.HubKey"/>). It carries bucket keys, not totals: each receiver reads the committed totals
/// itself, so reads by two silos arriving out of order can never show a counter going back.
/// </summary>
public interface IKpiChangeHubGrain : IGrainWithStringKey
{
    public const string GrainType = "kpi-change-hub";

    /// <summary>
    /// Registers or renews the receiver of <paramref name="process"/> for <see cref="KpiChangeRelay.Lease"/>;
    /// <paramref name="listening"/>: whether it has stream clients (silos record changes only while someone has).
    /// </summary>
    Task<KpiRelayLease> SubscribeAsync(string process, IKpiChangeReceiver receiver, bool listening);

    /// <summary>Buckets <paramref name="process"/> committed: forwarded to the other listening receivers.</summary>
    [OneWay]
    Task PublishAsync(string process, KpiBucketKey[] buckets);

    /// <summary><paramref name="process"/> committed changes without recording them: the other receivers mark a gap.</summary>
    [OneWay]
    Task GapAsync(string process);

    /// <summary>Whether any receiver has stream clients.</summary>
    Task<bool> IsWantedAsync();

    /// <summary>An alert changed state: forwarded to every receiver, this process's included (<c>event: alert</c>).</summary>
    [OneWay]
    Task PublishAlertAsync(Alert alert);
}

/// <summary>The receiving end in a process with the KPI stream (an Orleans observer).</summary>
public interface IKpiChangeReceiver : IGrainObserver
{
    [OneWay]
    Task OnChangedAsync(KpiBucketKey[] buckets);

    [OneWay]
    Task OnGapAsync();

    [OneWay]
    Task OnAlertAsync(Alert alert);
}

/// <summary><see cref="Known"/>: the hub already had this receiver (false after it lapsed or the hub restarted).</summary>
[GenerateSerializer, Immutable]
public sealed record KpiRelayLease([property: Id(0)] bool Known, [property: Id(1)] bool Wanted);

/// <summary>What both ends of the relay share.</summary>
public static class KpiChangeRelay
{
    public const string HubKey = "cluster";

    /// <summary>A receiver not renewed for this long is dropped (receivers renew every <see cref="RenewEvery"/>).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    /// <summary>This process, as the hub tells publishers from receivers (never sends a process its own changes).</summary>
    public static string ThisProcess { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public static IKpiChangeHubGrain Hub(this IGrainFactory grains) => grains.GetGrain<IKpiChangeHubGrain>(HubKey);
}
