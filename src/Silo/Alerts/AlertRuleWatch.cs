namespace AdOrleans.Silo.Alerts;

/// <summary>
/// Whether some KPI alert rule exists, as <see cref="AlertTrigger"/> last learned: the commit path reads it to decide
/// whether committed buckets are worth recording. Dependency-free, so the store's services can be built without Orleans.
/// </summary>
public sealed class AlertRuleWatch
{
    private volatile bool _active;

    public bool Active
    {
        get => _active;
        set => _active = value;
    }
}
