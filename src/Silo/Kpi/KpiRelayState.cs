namespace AdOrleans.Silo.Kpi;

/// <summary>
/// What this silo knows of the cluster's KPI relay: whether any process has stream clients (so commits are worth
/// recording), and whether it committed changes nobody recorded, which the other processes must hear about as a gap.
/// </summary>
public sealed class KpiRelayState
{
    private volatile bool _hubWanted;
    private int _gapPending;

    public bool HubWanted
    {
        get => _hubWanted;
        set => _hubWanted = value;
    }

    public void MarkGap() => Volatile.Write(ref _gapPending, 1);

    public bool TakeGap() => Interlocked.Exchange(ref _gapPending, 0) == 1;
}
