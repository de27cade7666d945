namespace AdOrleans.Grains.Attribution;

/// <summary>One journey per user id: touchpoints and conversions arrive from the partition aggregators.</summary>
public interface IJourneyGrain : IGrainWithStringKey
{
    public const string GrainType = "journey";

    /// <summary>
    /// Applies events of this user, in offset order per partition; ones at or below the highest offset applied from
    /// their partition (or with an eventId already applied) are skipped, so a retried or replayed call is harmless.
    /// </summary>
    Task TrackAsync(IReadOnlyList<JourneyEvent> events);
}
