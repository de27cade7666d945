namespace AdOrleans.Simulator.Truth;

/// <summary>An incident the run staged, as it happened (real time): what the matching alert rule should see.</summary>
public sealed class IncidentRecord
{
    public string Kind { get; set; } = "";

    public string? Target { get; set; }

    public double Factor { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }
}
