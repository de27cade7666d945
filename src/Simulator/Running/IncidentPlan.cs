using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// The staged incidents of a run on the real clock (offsets from the run's start): what they do to the event rate and
/// to a campaign's CTR, and the record of when each ran. Stalled partitions are staged on the service
/// (<see cref="PartitionStaller"/>).
/// </summary>
public sealed class IncidentPlan(IReadOnlyList<IncidentSpec> incidents, DateTimeOffset runStart)
{
    public double RateFactor(DateTimeOffset now) => Product(IncidentKinds.TrafficSpike, now, _ => true);

    public double CtrFactor(string campaignId, DateTimeOffset now) =>
        Product(IncidentKinds.CtrCollapse, now, i => i.Target is null || i.Target == campaignId);

    /// <summary>The incidents that began before <paramref name="runEnd"/>, each ending at its planned end or the run's, whichever came first.</summary>
    public List<IncidentRecord> Records(DateTimeOffset runEnd) =>
    [
        .. incidents.Where(i => runStart + i.StartsAfter < runEnd).Select(i => new IncidentRecord
        {
            Kind = i.Kind, Target = i.Target, Factor = i.EffectiveFactor, StartedAt = runStart + i.StartsAfter,
            EndedAt = Min(runStart + i.StartsAfter + i.Length, runEnd),
        }),
    ];

    private double Product(string kind, DateTimeOffset now, Func<IncidentSpec, bool> applies) =>
        incidents.Where(i => i.Kind == kind && applies(i) && IsActive(i, now)).Aggregate(1.0, (factor, i) => factor * i.EffectiveFactor);

    private bool IsActive(IncidentSpec incident, DateTimeOffset now) =>
        now >= runStart + incident.StartsAfter && now < runStart + incident.StartsAfter + incident.Length;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
