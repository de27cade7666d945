namespace AdOrleans.Grains.Alerts;

[GenerateSerializer]
public sealed class AlertRuleState
{
    [Id(0)] public AlertRule? Rule { get; set; }
    [Id(1)] public long NextSequence { get; set; } = 1;

    /// <summary>Oldest first: at most one open alert (the last), then resolved ones up to <see cref="MaxResolved"/>.</summary>
    [Id(2)] public List<Alert> Alerts { get; set; } = [];
    [Id(3)] public Dictionary<string, List<AlertDelivery>> Deliveries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the open alert's condition last held (for resolving after a full window without it).</summary>
    [Id(4)] public DateTimeOffset? LastBreachAt { get; set; }

    public const int MaxResolved = 100;
    public const int MaxDeliveries = 100;

    public Alert? Open => Alerts.Count > 0 && Alerts[^1].IsOpen ? Alerts[^1] : null;

    public void Replace(Alert alert) => Alerts[Alerts.FindIndex(a => a.Id == alert.Id)] = alert;

    public void Trim()
    {
        while (Alerts.Count > MaxResolved + 1)
        {
            Deliveries.Remove(Alerts[0].Id);
            Alerts.RemoveAt(0);
        }
    }
}
