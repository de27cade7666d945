using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// The optional incident: a traffic spike or a CTR drop between two points of the run (fractions of its duration,
/// or seconds after start when it runs forever), to exercise alerts and dashboards.
/// </summary>
public sealed class IncidentPlan(SimulatorOptions options, DateTimeOffset runStart)
{
    private readonly DateTimeOffset _from = runStart + Offset(options, options.IncidentStartsAfter);
    private readonly DateTimeOffset _to = runStart + Offset(options, options.IncidentStartsAfter + options.IncidentLength);

    public bool IsActive(DateTimeOffset now) => options.Incident != "none" && now >= _from && now < _to;

    public double RateFactor(DateTimeOffset now) => options.Incident == "spike" && IsActive(now) ? options.SpikeFactor : 1;

    public double CtrFactor(DateTimeOffset now) => options.Incident == "ctr-drop" && IsActive(now) ? options.CtrDropFactor : 1;

    private static TimeSpan Offset(SimulatorOptions options, double value) =>
        options.Duration is { } d ? d * value : TimeSpan.FromSeconds(value);
}
